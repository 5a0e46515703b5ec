# Voilà-Konfiguration des Szenario-Explorers (`make explorer` setzt JUPYTER_CONFIG_PATH auf diesen
# Ordner; nicht im Projektordner selbst: dort verdeckte eine voila.py das Paket voila).
# Sicher für Kolleginnen und Kollegen im Netz des Landkreises:
# - nur auf 127.0.0.1 (dieser Rechner); für andere Rechner --Voila.ip=<Adresse im internen Netz>
#   angeben, nie 0.0.0.0 ins Internet, und einen Reverse-Proxy mit Anmeldung davorsetzen (README);
# - jeder Seitenaufruf startet einen Kernel (etwa 140 MB): ungenutzte Kernel werden nach
#   KERNEL_LEERLAUF_S Sekunden beendet, auch wenn der Browser-Tab noch offen ist;
# - höchstens HOECHSTENS_KERNEL gleichzeitig: der nächste Aufruf bekommt eine Meldung (503)
#   statt den Speicher des Servers zu füllen.
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web

HOECHSTENS_KERNEL = 8
KERNEL_LEERLAUF_S = 900


class BegrenzteKernel(AsyncMappingKernelManager):
    """The kernel manager of jupyter_server with a cap on the number of running kernels."""

    async def start_kernel(self, *args, **kwargs):
        if len(self.list_kernel_ids()) >= HOECHSTENS_KERNEL:
            raise web.HTTPError(
                503, f"Szenario-Explorer ausgelastet: schon {HOECHSTENS_KERNEL} Sitzungen offen, bitte in einigen Minuten neu laden"
            )
        return await super().start_kernel(*args, **kwargs)


c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)
c.Voila.ip = "127.0.0.1"
c.Voila.port = 8866
c.VoilaConfiguration.multi_kernel_manager_class = BegrenzteKernel
c.VoilaConfiguration.show_tracebacks = False
c.MappingKernelManager.cull_idle_timeout = KERNEL_LEERLAUF_S
c.MappingKernelManager.cull_interval = 60
c.MappingKernelManager.cull_connected = True  # an open but idle tab holds no kernel for long
c.MappingKernelManager.cull_busy = False
# kernel sockets encrypted (CurveZMQ keys from the kernel manager, jupyter_client >= 8.10): no
# "Kernel is running over TCP without encryption" in the server log
c.KernelManager.transport_encryption = "auto"
