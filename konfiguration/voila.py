# Voilà-Konfiguration des Szenario-Explorers (`make explorer` setzt JUPYTER_CONFIG_PATH auf diesen
# Ordner; nicht im Projektordner selbst: dort verdeckte eine voila.py das Paket voila).
# Sicher für Kolleginnen und Kollegen im Netz des Landkreises:
# - nur auf 127.0.0.1 (dieser Rechner); für andere Rechner --Voila.ip=<Adresse im internen Netz>
#   angeben, nie 0.0.0.0 ins Internet, und einen Reverse-Proxy mit Anmeldung davorsetzen (README);
# - jeder Seitenaufruf startet einen Kernel (etwa 140 MB): ungenutzte Kernel werden nach
#   KERNEL_LEERLAUF_S Sekunden beendet, auch wenn der Browser-Tab noch offen ist;
# - höchstens HOECHSTENS_KERNEL gleichzeitig: der nächste Aufruf bekommt eine Meldung (503)
#   statt den Speicher des Servers zu füllen.
# - VORGEWAERMT Kernel warten mit dem schon ausgeführten Explorer auf den nächsten Seitenaufruf
#   (Voilàs preheat_kernel): die Seite steht ohne Kernelstart und ohne Rechnen. Ein vorgewärmter
#   Kernel zeigt die Dateien in data/ so, wie sie bei seinem Start waren; nach jedem Seitenaufruf
#   startet NACHFUELLEN_S Sekunden später ein neuer.
# - Kernel-Websockets senden ohne Nagle-Verzögerung (TCP_NODELAY): sonst wartet jede kleine
#   Nachricht an den Browser auf die Bestätigung der vorigen, und eine Regleränderung braucht
#   gemessen 57 statt 19 ms für den Hin- und Rückweg (README, Geschwindigkeit).
import os
from datetime import datetime, timezone
from pathlib import Path

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

HOECHSTENS_KERNEL = 8
KERNEL_LEERLAUF_S = 900
VORGEWAERMT = 2
NACHFUELLEN_S = 20.0


class BegrenzteKernel(AsyncMappingKernelManager):
    """The kernel manager of jupyter_server with a cap on the number of running kernels (pre-heated
    ones included), and idle culling that suits Voilà's pre-heated kernels."""

    _zuletzt_vorgewaermt: frozenset = frozenset()

    async def start_kernel(self, *args, **kwargs):
        if len(self.list_kernel_ids()) >= HOECHSTENS_KERNEL:
            raise web.HTTPError(
                503, f"Szenario-Explorer ausgelastet: schon {HOECHSTENS_KERNEL} Sitzungen offen, bitte in einigen Minuten neu laden"
            )
        return await super().start_kernel(*args, **kwargs)

    def vorgewaermte_kernel(self) -> frozenset:
        """Ids of the pre-heated kernels still waiting for a page (Voilà 0.5: `_pools`, notebook →
        start tasks whose result names the kernel)."""
        ids = set()
        for vorrat in getattr(self, "_pools", {}).values():
            for aufgabe in vorrat:
                if aufgabe.done() and not aufgabe.cancelled() and aufgabe.exception() is None:
                    ids.add(aufgabe.result().get("kernel_id"))
        return frozenset(ids)

    async def cull_kernels(self):
        """Before each round: a kernel that left the pre-heated pool since the last round was just
        given to a page; its idle time counts from now, not from its start (else a kernel that
        waited longer than KERNEL_LEERLAUF_S would be stopped before the browser connects, and
        the page would stay empty). Voilà itself never culls the ones still waiting."""
        jetzt = self.vorgewaermte_kernel()
        for kernel_id in self._zuletzt_vorgewaermt - jetzt:
            kernel = self._kernels.get(kernel_id)
            if kernel is not None:
                kernel.last_activity = datetime.now(timezone.utc)
        self._zuletzt_vorgewaermt = jetzt
        await super().cull_kernels()


_websocket_oeffnen = VoilaKernelWebsocketHandler.open


async def _ohne_nagle_oeffnen(self, *args, **kwargs):
    """Voilà's kernel websocket with TCP_NODELAY (tornado: `WebSocketHandler.set_nodelay`, meant
    for many small messages)."""
    self.set_nodelay(True)
    return await _websocket_oeffnen(self, *args, **kwargs)


VoilaKernelWebsocketHandler.open = _ohne_nagle_oeffnen


c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)
# Vorlage "pflegewg" (voila/templates/pflegewg/ neben dieser Datei): "lab" ohne Stylesheets aus dem
# Internet. Voilà sucht Vorlagen in JUPYTER_PATH; der Ordner kommt hier dazu, bevor Voilà sucht.
_HIER = Path(__file__).resolve().parent  # noqa: F821 (__file__ is set by traitlets)
os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(_HIER), os.environ.get("JUPYTER_PATH", "")]))
c.VoilaConfiguration.template = "pflegewg"
c.Voila.ip = "127.0.0.1"
c.Voila.port = 8866
c.VoilaConfiguration.multi_kernel_manager_class = BegrenzteKernel
c.VoilaConfiguration.show_tracebacks = False
c.VoilaConfiguration.preheat_kernel = True
c.VoilaConfiguration.default_pool_size = VORGEWAERMT
c.VoilaKernelManager.fill_delay = NACHFUELLEN_S
c.MappingKernelManager.cull_idle_timeout = KERNEL_LEERLAUF_S
c.MappingKernelManager.cull_interval = 60
c.MappingKernelManager.cull_connected = True  # an open but idle tab holds no kernel for long
c.MappingKernelManager.cull_busy = False
# kernel sockets encrypted (CurveZMQ keys from the kernel manager, jupyter_client >= 8.10): no
# "Kernel is running over TCP without encryption" in the server log
c.KernelManager.transport_encryption = "auto"
# nur die Erweiterung, die der Explorer braucht (ipywidgets); die Vorschau-Schaltfläche für
# JupyterLab und die Farben für Code lädt die Seite nicht (weniger Dateien beim ersten Aufruf)
c.VoilaConfiguration.extension_denylist = ["@voila-dashboards/jupyterlab-preview", "jupyterlab_pygments"]
