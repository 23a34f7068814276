"""The Network tab of the Evaluation page: who works with whom (shared meetings and
initiatives), as a picture, the network's density, the most central and isolated partners."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QSplitter, QVBoxLayout, QWidget

from app.reports.charts.network import network_chart
from app.services.changes import Change
from app.services.evaluation_scope import EvaluationScope
from app.services.partnership_network import (
    BETWEENNESS_LIMIT,
    NetworkNode,
    PartnershipNetwork,
    partnership_network,
)
from app.services.workspace import Workspace
from app.ui.chart_view import ChartView
from app.ui.pages.evaluation_engagement_tab import NO_DATA, WATCHED
from app.ui.table_model import Column, RowTableModel
from app.ui.table_view import row_table_view
from app.ui.workers import LatestLoader

TOP = 10


def _fraction(value: float | None) -> str:
    return NO_DATA if value is None else f"{value:.2f}"


CENTRAL_COLUMNS: list[Column[NetworkNode]] = [
    Column("Organization", lambda n: n.name, wide=True, tooltip=lambda n: n.name),
    Column("Partners", lambda n: n.partners, numeric=True,
           tooltip=lambda n: "Organizations it shared a meeting or initiative with"),
    Column("Centrality", lambda n: _fraction(n.degree_centrality), numeric=True,
           tooltip=lambda n: "Partners ÷ all other organizations in the network"),
    Column("Betweenness", lambda n: _fraction(n.betweenness), numeric=True,
           tooltip=lambda n: "How often it links two others by the shortest way"
           if n.betweenness is not None
           else f"Not computed for networks over {BETWEENNESS_LIMIT} organizations"),
    Column("Meetings", lambda n: n.meetings, numeric=True,
           tooltip=lambda n: "Meetings in scope with someone of it present"),
    Column("Initiatives", lambda n: n.initiatives, numeric=True),
]


class NetworkTab(QWidget):
    title = "Network"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.scope: EvaluationScope | None = None
        self.network: PartnershipNetwork | None = None
        self.loader = LatestLoader(self)
        self.loader.loaded.connect(self.show_network)
        self.loader.failed.connect(
            lambda error: self.summary.setText(f"The network could not be loaded: {error}"))
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.chart = ChartView(self, height=360)
        self.central: RowTableModel[NetworkNode] = RowTableModel(CENTRAL_COLUMNS, self)
        self.central_view = row_table_view(self.central, "central")
        self.isolated = QListWidget()
        self.isolated.setObjectName("isolated")
        self.isolated_label = QLabel("Isolated partners")
        self.isolated_label.setBuddy(self.isolated)
        side = QWidget()
        lists = QVBoxLayout(side)
        lists.setContentsMargins(0, 0, 0, 0)
        lists.addWidget(QLabel(f"Most central partners (top {TOP})"))
        lists.addWidget(self.central_view, stretch=3)
        lists.addWidget(self.isolated_label)
        lists.addWidget(self.isolated, stretch=2)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.chart)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([720, 580])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, stretch=1)
        explain = QLabel("Two organizations are linked when both had someone present at the "
                         "same held meeting, or both lead or joined the same initiative. "
                         "Density = links ÷ possible links.")
        explain.setWordWrap(True)
        explain.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(explain)
        self.setFocusProxy(self.central_view)

    def show_scope(self, scope: EvaluationScope) -> None:
        self.scope = scope
        self.summary.setText("Loading the network…")
        workspace = self.workspace
        self.loader.load(lambda: partnership_network(workspace, scope))

    def on_change(self, change: Change) -> None:
        if self.scope is not None and change.kind in WATCHED:
            self.show_scope(self.scope)

    def show_network(self, network: PartnershipNetwork) -> None:
        self.network = network
        nodes = len(network.nodes)
        isolated = network.isolated
        if nodes == 0:
            self.summary.setText("No organization took part in a meeting or initiative in "
                                 "this period.")
        else:
            density = (NO_DATA if network.density is None
                       else f"{100 * network.density:.1f}%")
            self.summary.setText(
                f"{nodes:,} organizations · {network.links:,} links · density {density} · "
                f"{len(isolated):,} isolated")
        self.central.set_rows(network.top_central(TOP))
        self.isolated.clear()
        if isolated or not nodes:
            self.isolated.addItems([n.name for n in isolated])
        else:
            self.isolated.addItem("None: every organization shares something with another")
        self.isolated_label.setText(f"Isolated partners ({len(isolated):,})")
        self.chart.show_chart(network_chart(network))
