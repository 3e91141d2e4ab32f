"""A tiny scalar autograd engine, in the spirit of micrograd.

Each :class:`Value` remembers the values it was computed from (in a fixed order)
and the local derivative of itself with respect to each of them. ``backward()``
walks the graph in reverse topological order and applies the chain rule. The
graph can be read back as plain data (:meth:`Value.graph`) for the scenes that
draw it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable


class Value:
    """A scalar that records how it was computed, so gradients can flow back to its inputs."""

    __slots__ = ("data", "grad", "children", "local_grads", "op", "label")

    def __init__(
        self,
        data: float,
        children: tuple["Value", ...] = (),
        local_grads: tuple[float, ...] = (),
        op: str = "",
        label: str = "",
    ) -> None:
        if isinstance(data, bool) or not isinstance(data, (int, float)):
            raise TypeError(f"Value holds a real number, got {type(data).__name__}")
        if len(children) != len(local_grads):
            raise ValueError("each child needs exactly one local derivative")
        self.data = float(data)
        self.grad = 0.0
        self.children = children
        self.local_grads = local_grads
        self.op = op
        self.label = label

    def __repr__(self) -> str:
        name = f"{self.label}=" if self.label else ""
        return f"Value({name}{self.data:g}, grad={self.grad:g})"

    def named(self, label: str) -> "Value":
        """Give this node a label (shown in graph drawings) and return it."""
        self.label = label
        return self

    @staticmethod
    def _lift(other: "Value | float") -> "Value":
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other: "Value | float") -> "Value":
        other = self._lift(other)
        return Value(self.data + other.data, (self, other), (1.0, 1.0), "+")

    def __mul__(self, other: "Value | float") -> "Value":
        other = self._lift(other)
        return Value(self.data * other.data, (self, other), (other.data, self.data), "×")

    def __pow__(self, exponent: float) -> "Value":
        if isinstance(exponent, Value) or isinstance(exponent, bool) or not isinstance(exponent, (int, float)):
            raise TypeError("only constant real exponents are supported")
        if self.data == 0.0 and exponent < 1:
            raise ZeroDivisionError("0 raised to a power below 1 has no derivative")
        result = self.data**exponent
        if isinstance(result, complex):
            raise ValueError(f"{self.data:g} ** {exponent:g} is not a real number")
        return Value(result, (self,), (exponent * self.data ** (exponent - 1),), f"^{exponent:g}")

    def __neg__(self) -> "Value":
        return Value(-self.data, (self,), (-1.0,), "neg")

    def __sub__(self, other: "Value | float") -> "Value":
        other = self._lift(other)
        return Value(self.data - other.data, (self, other), (1.0, -1.0), "−")

    def __truediv__(self, other: "Value | float") -> "Value":
        other = self._lift(other)
        if other.data == 0.0:
            raise ZeroDivisionError("division by a Value equal to zero")
        return Value(
            self.data / other.data,
            (self, other),
            (1.0 / other.data, -self.data / other.data**2),
            "÷",
        )

    def __radd__(self, other: float) -> "Value":
        return self._lift(other) + self

    def __rmul__(self, other: float) -> "Value":
        return self._lift(other) * self

    def __rsub__(self, other: float) -> "Value":
        return self._lift(other) - self

    def __rtruediv__(self, other: float) -> "Value":
        return self._lift(other) / self

    def exp(self) -> "Value":
        result = math.exp(self.data)
        return Value(result, (self,), (result,), "exp")

    def log(self) -> "Value":
        if self.data <= 0.0:
            raise ValueError(f"log is defined for positive values only, got {self.data:g}")
        return Value(math.log(self.data), (self,), (1.0 / self.data,), "log")

    def relu(self) -> "Value":
        # The derivative at exactly 0 is taken as 0: a neuron with z <= 0 is "dead".
        active = self.data > 0.0
        return Value(self.data if active else 0.0, (self,), (1.0 if active else 0.0,), "ReLU")

    def sigmoid(self) -> "Value":
        result = 1.0 / (1.0 + math.exp(-self.data)) if self.data >= 0 else math.exp(self.data) / (1.0 + math.exp(self.data))
        return Value(result, (self,), (result * (1.0 - result),), "σ")

    def tanh(self) -> "Value":
        result = math.tanh(self.data)
        return Value(result, (self,), (1.0 - result * result,), "tanh")

    def topological_order(self) -> list["Value"]:
        """Every node this value depends on, inputs first, this value last.

        The order depends only on how the expression was built (children are
        visited in the order they were combined), so a drawing of the graph is
        the same on every run.
        """
        order: list[Value] = []
        seen: set[int] = set()
        stack: list[tuple[Value, bool]] = [(self, False)]
        while stack:
            node, expanded = stack.pop()
            if expanded:
                order.append(node)
                continue
            if id(node) in seen:
                continue
            seen.add(id(node))
            stack.append((node, True))
            for child in reversed(node.children):
                if id(child) not in seen:
                    stack.append((child, False))
        return order

    def backward(self) -> None:
        """Fill ``grad`` of every node with d(self)/d(node).

        Gradients are reset first, so calling it twice gives the same result
        instead of doubling them.
        """
        order = self.topological_order()
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):
            for child, local in zip(node.children, node.local_grads):
                child.grad += local * node.grad

    def graph(self) -> "Graph":
        """The computation graph as plain data: nodes in topological order and edges."""
        order = self.topological_order()
        index = {id(node): position for position, node in enumerate(order)}
        nodes = tuple(
            GraphNode(position, node.label, node.op, node.data, node.grad) for position, node in enumerate(order)
        )
        edges = tuple(
            GraphEdge(index[id(child)], index[id(node)], local)
            for node in order
            for child, local in zip(node.children, node.local_grads)
        )
        return Graph(nodes, edges)


@dataclass(frozen=True)
class GraphNode:
    """A node of a computation graph: ``op`` is empty for inputs."""

    index: int
    label: str
    op: str
    data: float
    grad: float


@dataclass(frozen=True)
class GraphEdge:
    """``source`` feeds ``target``; ``local_grad`` is d(target)/d(source)."""

    source: int
    target: int
    local_grad: float


@dataclass(frozen=True)
class Graph:
    """A computation graph read out of :class:`Value` nodes, in topological order."""

    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]

    def node(self, label: str) -> GraphNode:
        """The node with this label."""
        for node in self.nodes:
            if node.label == label:
                return node
        raise KeyError(f"no node labelled {label!r}; labels: {[n.label for n in self.nodes if n.label]}")

    def edges_into(self, index: int) -> tuple[GraphEdge, ...]:
        return tuple(edge for edge in self.edges if edge.target == index)

    def depth(self) -> dict[int, int]:
        """Longest distance of each node from an input (inputs are at depth 0), for layout."""
        depth = {node.index: 0 for node in self.nodes}
        for node in self.nodes:
            for edge in self.edges_into(node.index):
                depth[node.index] = max(depth[node.index], depth[edge.source] + 1)
        return depth


def leaves(values: Iterable[Value]) -> tuple[Value, ...]:
    """The inputs among ``values`` (nodes that were not computed from others)."""
    return tuple(value for value in values if not value.children)
