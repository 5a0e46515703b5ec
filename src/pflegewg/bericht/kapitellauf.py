"""Running the report's chapter notebooks: several kernels side by side, started early.

`pflegewg bericht` opens a `Kapitellauf` first of all, before it even imports the report's
modules (papermill, WeasyPrint), and hands it to `pipeline.run_report`; called without one,
`run_report` opens its own as soon as it holds the lock:

1. `Kapitellauf(n)` starts `n` kernels at once (`kernelzahl`: one per core, at most
   `KERNEL_HOECHSTENS`); each imports the chapters' modules while it starts (`AUFWAERMEN`), in
   parallel with the report's own preparations.
2. `ausfuehren(...)` runs the chapters with papermill, each kernel one chapter after the other,
   the longest first (`DAUER_S`), so that the kernels finish at about the same time. The first
   failure stops the run and names notebook and cell (`BerichtFehler`).
3. Meanwhile the kernels keep their figures: charts come out as PNG only, which is all the PDF
   needs (`anzeige.svg_spaeter`). Once every chapter is done, the kernels draw the SVGs of their
   charts, one kernel after the other, on the core that the PDF layout (one core) leaves free;
   `svg_abholen()` waits for them.

Leaving the `with` block stops every kernel, also after an error, Ctrl-C or SIGTERM (which the
report turns into KeyboardInterrupt in the main thread; the main thread only ever waits in short
steps, so it notices at once). Each notebook still runs on its own in JupyterLab and under nbval,
with PNG and SVG at once.
"""
from __future__ import annotations

import functools
import logging
import os
import queue
import sys
import threading
import time
from pathlib import Path

from ..basis import orte
from .anzeige import SVG_NACHGEREICHT_MIME

#: rough run time of each chapter in s (2-core machine, warm kernel): the longest go first
DAUER_S = {"Kreis-Kostenrisiko": 4.0, "Fallbeispiele": 2.2, "Finanzplanung": 2.0, "Zusammenfassung": 1.0,
           "Vollkosten": 1.1, "WG-Bestand": 0.8, "Kostenvergleich": 0.7, "Abgleich": 0.2}
#: at most this many kernels side by side (each costs its start and imports, ~2 s CPU, ~200 MB)
KERNEL_HOECHSTENS = 4
#: imported by each kernel while it starts (ipykernel's `exec_lines`, outside the history), and the
#: switch that makes it keep its figures for `svg_nachreichen`
AUFWAERMEN = ("import pflegewg.bericht.tabellen, pflegewg.bericht.grafiken, pflegewg.bericht.kreis_tabellen",
              "import pflegewg.bericht.anzeige; pflegewg.bericht.anzeige.svg_spaeter()")
#: the report kernels' command line: AUFWAERMEN, and no IPython history (its SQLite file is of no
#: use to a report run, and writing it costs each cell a little)
KERNEL_ARGUMENTE = [*(f"--IPKernelApp.exec_lines={zeile}" for zeile in AUFWAERMEN), "--HistoryManager.enabled=False"]
SVG_NACHREICHEN = "import pflegewg.bericht.anzeige; pflegewg.bericht.anzeige.svg_nachreichen()"
#: the most a kernel may take to draw its SVGs (s)
SVG_WARTEN_S = 300.0


class BerichtFehler(RuntimeError):
    """A report run failed (the message names the notebook and the cell)."""


def kernelzahl(kapitel: int = KERNEL_HOECHSTENS) -> int:
    """Kernels for a run: one per CPU core available to this process, at most `KERNEL_HOECHSTENS`
    and at most one per chapter (a report has at least seven)."""
    try:
        kerne = len(os.sched_getaffinity(0))
    except AttributeError:  # Windows, macOS
        kerne = os.cpu_count() or 1
    return max(1, min(kerne, KERNEL_HOECHSTENS, kapitel))


def nbformat_schnell_laden() -> None:
    """Before the first import of nbformat (papermill, nbclient): keep jsonschema from loading
    `rfc3987_syntax`, which jupyter-events' format extras install and which builds a Lark grammar
    for about 3 s at import (python-jsonschema/jsonschema#1392). Only jsonschema's check of the
    formats "iri"/"iri-reference" needs it; the notebook schema uses neither. A module set to
    None in sys.modules makes its import raise ImportError, which jsonschema expects and skips."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


def verschluesselung(manager_klasse) -> dict:
    """CurveZMQ keys provisioned by the kernel manager (jupyter_client >= 8.10, kernelspecs that
    declare `supported_encryption: curve`, as ipykernel's does): the kernel's sockets are then
    encrypted on every platform, and ipykernel does not print its warning "Kernel is running
    over TCP without encryption" into every run's output. Older jupyter_client: plain TCP."""
    import zmq

    if "transport_encryption" in manager_klasse.class_trait_names() and zmq.has("curve"):
        return {"transport_encryption": "auto"}
    return {}


#: IOPub counts as flushed after this much quiet (s); jupyter_client waits 0,2 s, once per chapter
RUHE_S = 0.02


@functools.cache  # one class for every kernel of the process
def zuegiger_client():
    """The kernel client class for papermill's chapters: jupyter_client's blocking client, but
    `wait_for_ready` flushes IOPub after `RUHE_S` of quiet instead of 0,2 s. nbclient starts a
    client per notebook, so the kernel idled 0,2 s before every chapter; the flush only drops
    status messages of the kernel_info request, which nbclient ignores anyway (it reads only the
    messages of its own requests)."""
    from jupyter_client.blocking.client import BlockingKernelClient

    class ZuegigerClient(BlockingKernelClient):
        def wait_for_ready(self, timeout=None):
            ende = time.monotonic() + (60.0 if timeout is None else timeout)
            while True:  # as jupyter_client: kernel_info until it is answered and IOPub carries messages
                self.kernel_info()
                try:
                    msg = self.shell_channel.get_msg(timeout=1)
                except queue.Empty:
                    pass
                else:
                    if msg["msg_type"] == "kernel_info_reply":
                        try:
                            self.iopub_channel.get_msg(timeout=0.2)
                        except queue.Empty:
                            pass
                        else:
                            self._handle_kernel_info_reply(msg)
                            break
                if not self.is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
                if time.monotonic() > ende:
                    raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")
            while True:
                try:
                    self.iopub_channel.get_msg(timeout=RUHE_S)
                except queue.Empty:
                    return

    return ZuegigerClient


def meldung_kurz(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:119] + "…"


#: one shutdown at a time: the kernel manager's control socket must not be closed by two threads
_BEENDEN = threading.Lock()


def kernel_beenden(km) -> None:
    """Stop a kernel (also one that another thread is still talking to: that thread then gets
    DeadKernelError, or no answer, and ends). Safe to call from several threads."""
    with _BEENDEN:
        try:
            if km.has_kernel:
                km.shutdown_kernel(now=True)
        except Exception:  # already gone
            pass


class Kapitellauf:
    """The kernels of one report run and the threads that drive them (see the module text)."""

    def __init__(self, anzahl: int):
        from jupyter_client.manager import KernelManager

        self._auftraege: queue.SimpleQueue = queue.SimpleQueue()
        self._los = threading.Event()  # the chapters may start
        self._svg_los = threading.Event()  # every chapter is done: SVGs now
        self._abbruch = threading.Event()
        self._kapitel_fertig = threading.Semaphore(0)  # one release per kernel after its chapters
        self._svg_reihe = threading.Lock()  # one kernel at a time draws SVGs: the PDF keeps its core
        self._auftrag: tuple = ()
        self.fehler: dict[str, str] = {}
        self.svg: dict[str, str] = {}
        self.manager: list = []
        self._threads: list[threading.Thread] = []
        ordner = str(orte.notebookordner())  # no project folder: its own message (exit 2), not a kernel failure
        try:
            for i in range(anzahl):
                km = KernelManager(kernel_name="python3", **verschluesselung(KernelManager))
                km.client_factory = zuegiger_client()
                self.manager.append(km)
                km.start_kernel(cwd=ordner, extra_arguments=KERNEL_ARGUMENTE)
                t = threading.Thread(target=self._arbeiten, args=(km,), name=f"pflegewg-kernel-{i + 1}", daemon=True)
                self._threads.append(t)
                t.start()
        except Exception as exc:
            self.schliessen()
            raise BerichtFehler(f"Kernel nicht gestartet: {meldung_kurz(exc)}") from exc

    def __enter__(self) -> "Kapitellauf":
        return self

    def __exit__(self, *exc) -> None:
        self.schliessen()

    def schliessen(self) -> None:
        """Stop every kernel and let the threads end (they are daemons: none keeps the process)."""
        self._abbruch.set()
        self._los.set()
        self._svg_los.set()
        for km in self.manager:
            kernel_beenden(km)
        for t in self._threads:
            t.join(5)

    # --- main thread ------------------------------------------------------------------------

    def ausfuehren(self, ziel: Path, parameter: dict, extra: dict, namen: tuple[str, ...],
                   extra_parameter: dict) -> list[Path]:
        """Run the chapter notebooks `namen` into `ziel` (parameters: `parameter`, plus those of
        `extra` that a chapter declares in `extra_parameter`); returns their paths in order."""
        nbformat_schnell_laden()
        import papermill  # noqa: F401 – imported once here, not by the threads at the same time

        # papermill's logger, which nbclient logs to as well, stays off the console: a failure
        # reaches the planner as BerichtFehler (notebook and cell, one German line), and while
        # Ctrl-C stops the kernels a client still waiting for its kernel would log a second,
        # English line ("Error occurred while starting new kernel client ...")
        logging.getLogger("papermill").setLevel(logging.CRITICAL)

        ziel.mkdir(parents=True)
        for name in sorted(namen, key=lambda n: -DAUER_S.get(n, 1.0)):
            self._auftraege.put(name)
        self._auftrag = (ziel, parameter, extra, extra_parameter)
        self._los.set()
        for _ in self._threads:
            while not self._kapitel_fertig.acquire(timeout=0.1):  # short waits: Ctrl-C reaches us
                if self._abbruch.is_set():
                    break
            if self._abbruch.is_set():
                break
        if self.fehler:
            erster = next((n for n in namen if n in self.fehler), next(iter(self.fehler)))
            raise BerichtFehler(self.fehler[erster])
        self._svg_los.set()
        return [ziel / f"{name}.ipynb" for name in namen]

    def svg_abholen(self, ids: list[str]) -> dict[str, str]:
        """Wait for the kernels' SVGs (after `ausfuehren`); {chart id: SVG} for every id in `ids`."""
        for t in self._threads:
            while t.is_alive():
                t.join(0.1)
        fehlt = [g for g in ids if g not in self.svg]
        if fehlt:
            grund = next(iter(self.fehler.values()), "keine Antwort des Kernels")
            raise BerichtFehler(f"SVG der Grafik {fehlt[0]} fehlt: {grund}")
        return {g: self.svg[g] for g in ids}

    # --- one thread per kernel --------------------------------------------------------------

    def _arbeiten(self, km) -> None:
        try:
            try:
                self._los.wait()
                self._kapitel(km)
            finally:
                self._kapitel_fertig.release()
            self._svg_los.wait()
            with self._svg_reihe:
                if not self._abbruch.is_set():
                    self._svg_nachreichen(km)
        except Exception as exc:  # papermill or the kernel failed outside a cell
            self.fehler.setdefault("", f"Kernel: {meldung_kurz(exc)}")
            self._abbruch.set()
        finally:
            kernel_beenden(km)

    def _kapitel(self, km) -> None:
        ziel, parameter, extra, extra_parameter = self._auftrag
        while not self._abbruch.is_set():
            try:
                name = self._auftraege.get_nowait()
            except queue.Empty:
                return
            eigene = {k: v for k, v in (extra or {}).items() if k in extra_parameter.get(name, ())}
            meldung = execute_one(name, ziel / f"{name}.ipynb", {**parameter, **eigene}, km)
            if meldung:
                self.fehler[name] = meldung
                self._abbruch.set()

    def _svg_nachreichen(self, km) -> None:
        """Ask the kernel for the SVGs of its charts (`anzeige.svg_nachreichen`) and collect them."""
        kc = km.blocking_client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=60)
            msg_id = kc.execute(SVG_NACHREICHEN, store_history=False)
            ende = time.monotonic() + SVG_WARTEN_S
            while not self._abbruch.is_set():
                if time.monotonic() > ende:
                    raise TimeoutError(f"Kernel hat die SVGs nicht in {SVG_WARTEN_S:.0f} s gezeichnet")
                try:
                    msg = kc.get_iopub_msg(timeout=0.2)
                except queue.Empty:
                    if not km.is_alive():
                        raise RuntimeError("Kernel beim Zeichnen der SVGs beendet") from None
                    continue
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                art, inhalt = msg["msg_type"], msg["content"]
                if art in ("display_data", "execute_result") and SVG_NACHGEREICHT_MIME in inhalt.get("data", {}):
                    self.svg.update(inhalt["data"][SVG_NACHGEREICHT_MIME])
                elif art == "error":
                    raise RuntimeError(f"SVG: {inhalt.get('ename')}: {inhalt.get('evalue')}")
                elif art == "status" and inhalt.get("execution_state") == "idle":
                    return
        finally:
            kc.stop_channels()


def execute_one(name: str, ausgabe: Path, parameter: dict, km) -> str | None:
    """Execute one notebook in the running kernel `km` (started in notebooks/); None on success,
    else the message naming notebook and cell. No `cwd=` for papermill: it would chdir the whole
    process, which other threads share."""
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    try:
        papermill.execute_notebook(
            str(orte.notebookordner() / f"{name}.ipynb"), str(ausgabe), parameters=parameter, kernel_name="python3",
            progress_bar=False, log_output=False, request_save_on_cell_execute=False, km=km,
        )
    except PapermillExecutionError as exc:
        return fehlerstelle(name, ausgabe, exc)
    except (DeadKernelError, CellTimeoutError) as exc:
        return f"Notebook {name}.ipynb: der Kernel ist abgestürzt oder antwortet nicht ({type(exc).__name__})"
    return None


def fehlerstelle(name: str, ausgabe: Path, exc) -> str:
    """'Notebook X.ipynb, Zelle N (...)': N counts the cells of the notebook in notebooks/,
    i.e. without the cell that papermill injects."""
    import nbformat

    nummer, anfang = exc.cell_index + 1, ""
    try:
        nb = nbformat.read(ausgabe, as_version=4)
        injiziert = [i for i, c in enumerate(nb.cells) if "injected-parameters" in c.metadata.get("tags", [])]
        if injiziert and exc.cell_index > injiziert[0]:
            nummer -= 1
        anfang = nb.cells[exc.cell_index].source.strip().splitlines()[0][:60]
    except (OSError, IndexError, ValueError):
        pass
    code = f", Code: {anfang}" if anfang else ""
    return f"Notebook {name}.ipynb, Zelle {nummer} (Ausführung [{exc.exec_count}]{code}): {exc.ename}: {exc.evalue}"
