"""The data the API serves: the bundled data directory read and validated once per process, by the dashboard's own
loader (core.validate.validate_dir, analysis.enrich), and its version. Never a reader's upload: those live in a
browser session, and the API has none."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from vnintegration import __version__
from vnintegration.core import analysis, peers
from vnintegration.core.load import DataFiles
from vnintegration.core.uploads import upload_digest
from vnintegration.core.validate import Dataset, validate_dir
from vnintegration.dashboard import views


@dataclass(frozen=True)
class Bundle:
    directory: Path
    dataset: Dataset
    frame: pd.DataFrame    # the national figures, enriched (Trends, Compare: what the pages draw)
    figures: pd.DataFrame  # every valid figure, national or for a partner or product, enriched (observations)
    catalog: dict          # views.catalog: what the parameters may name
    peer_data: peers.PeerData
    peers_catalogue: dict  # views.peers_catalogue: what the peers parameters may name
    version: str           # the data files' digest: the same files give the same version on every replica

    @property
    def etag(self) -> str:
        """A weak validator (the body is the same data whether gzipped or not), changing with the data and with
        the code that writes the tables."""
        return f'W/"{__version__}-{self.version}"'


def data_version(directory: Path) -> str:
    """The digest of every file of the data directory (core.uploads.upload_digest: names, sizes and bytes)."""
    files = DataFiles.from_dir(directory)
    return upload_digest([(name, files[name]) for name in files])


def load(directory: Path) -> Bundle:
    dataset = validate_dir(directory)
    frame = analysis.enrich(dataset)
    figures = analysis.enrich(dataset, national_only=False).sort_values("_line", kind="mergesort")
    peer_data = peers.load(directory)
    return Bundle(directory, dataset, frame, figures, views.catalog(dataset, frame, figures), peer_data,
                  views.peers_catalogue(peer_data), data_version(directory))


class Loader:
    """The bundle of one directory, loaded on first use (not when the server imports app.py: its start stays
    quick) and then kept for the life of the process. Concurrent first requests wait for the one load."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._bundle: Bundle | None = None
        self._lock = threading.Lock()

    def get(self) -> Bundle:
        if self._bundle is None:
            with self._lock:
                if self._bundle is None:
                    self._bundle = load(self.directory)
        return self._bundle
