"""Data for section 06 (Backward Pass): every number that scene shows.

The scene draws the autograd engine's own graph of the worked example
(x, w, b, y → w·x → z → ŷ → y − ŷ → L), then lets the gradient flow back edge by
edge. The guide's three factors are read off that graph: ∂L/∂ŷ is the gradient
arriving at ŷ, ∂ŷ/∂z the ReLU's local derivative, ∂z/∂w the product of the
local derivatives on the path w → w·x → z.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..autograd import Graph, GraphEdge, GraphNode
from ..formatting import fmt
from ..guide import GuideSection, section
from ..preset import Preset
from ..walkthrough import Direction, Walkthrough, walkthrough

#: Inputs that are data, not parameters: the gradient is not sent back into them.
DATA_LABELS = ("x", "y")
#: The parameters the backward pass is for.
PARAMETER_LABELS = ("w", "b")


@dataclass(frozen=True)
class PlacedNode:
    """A graph node with its place in the drawing: ``column`` left to right (halves allowed), ``row`` top to bottom."""

    node: GraphNode
    column: float
    row: float

    @property
    def label(self) -> str:
        return self.node.label

    @property
    def index(self) -> int:
        return self.node.index

    @property
    def is_parameter(self) -> bool:
        return self.node.label in PARAMETER_LABELS

    @property
    def is_data(self) -> bool:
        return self.node.label in DATA_LABELS


@dataclass(frozen=True)
class BackwardStep:
    """One edge the gradient crosses: it arrives at ``target`` as ``upstream`` and leaves
    into ``source`` as ``upstream × local``."""

    edge: GraphEdge
    upstream: float
    local: float
    contribution: float


@dataclass(frozen=True)
class GradientVerdict:
    """What the sign of a parameter's gradient says, as words built from the number."""

    parameter: str
    gradient: float
    direction: Direction
    sentence: str


@dataclass(frozen=True)
class BackwardPassData:
    guide: GuideSection
    walk: Walkthrough
    graph: Graph
    nodes: tuple[PlacedNode, ...]
    columns: int
    rows: float
    steps: tuple[BackwardStep, ...]
    # The guide's chain for w: ∂L/∂w = ∂L/∂ŷ × ∂ŷ/∂z × ∂z/∂w, and the same for b.
    w_factors: tuple[float, float, float]
    b_factors: tuple[float, float, float]
    dL_dw: float
    dL_db: float
    relu_active: bool
    w_verdict: GradientVerdict
    b_verdict: GradientVerdict
    dead_relu_sentence: str

    def node(self, label: str) -> PlacedNode:
        """The placed node with this label."""
        for placed in self.nodes:
            if placed.label == label:
                return placed
        raise KeyError(f"no node labelled {label!r}")

    def placed(self, index: int) -> PlacedNode:
        """The placed node with this graph index."""
        for placed in self.nodes:
            if placed.index == index:
                return placed
        raise KeyError(f"no node with index {index}")


def layout(graph: Graph) -> tuple[tuple[PlacedNode, ...], int, float]:
    """Columns from :meth:`Graph.depth`. An input sits one column before its first
    consumer, or half a column before it when that column already holds a computed
    node (so b waits between w·x and z, and y between ŷ and y − ŷ, above the chain
    instead of far left). Computed nodes run along the middle row; inputs beside the
    chain sit one row above it; a column of inputs only is centred on the middle row.
    Returns (nodes, column count, row span)."""
    depth = graph.depth()
    computed_columns = {depth[node.index] for node in graph.nodes if graph.edges_into(node.index)}
    column: dict[int, float] = {}
    for node in graph.nodes:
        consumers = [edge.target for edge in graph.edges if edge.source == node.index]
        if not graph.edges_into(node.index) and consumers:
            first = min(depth[target] for target in consumers)
            before = max(0, first - 1)
            column[node.index] = first - 0.5 if before in computed_columns else float(before)
        else:
            column[node.index] = float(depth[node.index])
    by_column: dict[float, list[GraphNode]] = {}
    for node in graph.nodes:
        by_column.setdefault(column[node.index], []).append(node)
    row: dict[int, float] = {}
    for members in by_column.values():
        computed = [node for node in members if graph.edges_into(node.index)]
        inputs = [node for node in members if not graph.edges_into(node.index)]
        for position, node in enumerate(computed):
            row[node.index] = position - (len(computed) - 1) / 2
        if computed or any(not float(c).is_integer() for c in [column[n.index] for n in inputs]):
            for position, node in enumerate(reversed(inputs)):
                row[node.index] = -(len(computed) - 1) / 2 - 1 - position if computed else -1 - position
        else:
            for position, node in enumerate(inputs):
                row[node.index] = position - (len(inputs) - 1) / 2
    low = min(row.values())
    placed = tuple(PlacedNode(node, column[node.index], float(row[node.index] - low)) for node in graph.nodes)
    return placed, int(max(column.values())) + 1, max(row.values()) - low


def backward_steps(graph: Graph) -> tuple[BackwardStep, ...]:
    """The edges in the order the gradient crosses them (from L back to the inputs),
    leaving out edges into data inputs (x, y), which need no gradient."""
    labels = {node.index: node.label for node in graph.nodes}
    grads = {node.index: node.grad for node in graph.nodes}
    steps = []
    for node in reversed(graph.nodes):
        for edge in graph.edges_into(node.index):
            if labels[edge.source] in DATA_LABELS:
                continue
            upstream = grads[edge.target]
            steps.append(BackwardStep(edge, upstream, edge.local_grad, upstream * edge.local_grad))
    return tuple(steps)


def verdict(parameter: str, gradient: float, direction: Direction, relu_active: bool) -> GradientVerdict:
    """The guide's sentence "The gradient −3.6 tells us: increase w …" for any sign."""
    value = fmt(gradient)
    if direction == "increase":
        sentence = f"The gradient {value} tells us: increase {parameter} to reduce the loss (since gradient is negative)."
    elif direction == "decrease":
        sentence = f"The gradient {value} tells us: decrease {parameter} to reduce the loss (since gradient is positive)."
    elif not relu_active:
        sentence = f"The gradient {value} tells us: nudging {parameter} does not change the loss, so {parameter} stays put."
    else:
        sentence = f"The gradient {value} tells us: the loss is already at its lowest along {parameter}, so {parameter} stays put."
    return GradientVerdict(parameter, gradient, direction, sentence)


def dead_relu_explanation(walk: Walkthrough) -> str:
    """Why nothing flows back when z ≤ 0 (empty when the ReLU is active)."""
    if walk.relu_active:
        return ""
    return (
        f"z = {fmt(walk.z)} ≤ 0, so the ReLU is off: its output is 0 whatever z does, "
        f"its local derivative is {fmt(walk.dyhat_dz)}, and nothing flows back through it to w or b."
    )


def build(preset: Preset) -> BackwardPassData:
    walk = walkthrough(preset)
    nodes, columns, rows = layout(walk.graph)
    return BackwardPassData(
        guide=section(6),
        walk=walk,
        graph=walk.graph,
        nodes=nodes,
        columns=columns,
        rows=rows,
        steps=backward_steps(walk.graph),
        w_factors=(walk.dL_dyhat, walk.dyhat_dz, walk.dz_dw),
        b_factors=(walk.dL_dyhat, walk.dyhat_dz, walk.dz_db),
        dL_dw=walk.dL_dw,
        dL_db=walk.dL_db,
        relu_active=walk.relu_active,
        w_verdict=verdict("w", walk.dL_dw, walk.w_direction, walk.relu_active),
        b_verdict=verdict("b", walk.dL_db, walk.b_direction, walk.relu_active),
        dead_relu_sentence=dead_relu_explanation(walk),
    )
