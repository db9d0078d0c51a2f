"""Completes pending stamps by itself: every few minutes, at start-up, and as soon as the
operating system says the network is back."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from proofkit.app import renewing, stamping

log = logging.getLogger(__name__)


class SyncController(QObject):
    started = Signal()
    synced = Signal(list)  # [(receipt_id, status)]
    receipts = Signal(list)  # the receipts that were pending, as they are now (ReceiptRow)

    def __init__(self, services, runner, parent=None) -> None:
        super().__init__(parent)
        self.services, self.runner = services, runner
        self.running = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.sync_now)
        self._network = None

    def start(self, first_delay_ms: int = 3000) -> None:
        minutes = max(1, self.services.settings.sync_interval_minutes)
        self.timer.start(minutes * 60_000)
        QTimer.singleShot(first_delay_ms, self.sync_now)
        self._watch_network()

    def _watch_network(self) -> None:
        try:
            from PySide6.QtNetwork import QNetworkInformation

            if not QNetworkInformation.loadBackendByFeatures(QNetworkInformation.Feature.Reachability):
                return
            info = QNetworkInformation.instance()
        except Exception:  # noqa: BLE001 - no backend: the timer alone will do
            return
        if info is not None:
            self._network = info
            info.reachabilityChanged.connect(self._reachability)

    def _reachability(self, value) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if value == QNetworkInformation.Reachability.Online:
            log.info("network is back: completing pending stamps")
            self.sync_now()

    def sync_now(self) -> None:
        if self.running:
            return
        self.running = True
        self.started.emit()
        self.runner.start(stamping.sync, self.services, label="sync", min_interval=0,
                          on_finished=self._done, on_failed=self._failed)

    def _done(self, result) -> None:
        self.running = False
        self.receipts.emit(list(result.receipts))
        self.synced.emit([(r.id, r.status) for r in result.receipts])
        # renewal (RFC 4998) on its own: the use case looks at most once a day
        self.runner.start(renewing.renew_if_due, self.services, label="renew", min_interval=0,
                          on_failed=lambda exc, tb: log.warning("renewal failed: %s\n%s", exc, tb))

    def _failed(self, exc, tb) -> None:
        self.running = False
        log.warning("sync failed: %s\n%s", exc, tb)
        self.synced.emit([])
