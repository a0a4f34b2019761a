"""The relationship graph: who writes to whom, how often, inside or outside the institution."""

from __future__ import annotations

import io
import logging
import os
import time
from collections import Counter
from dataclasses import dataclass
from itertools import combinations

import networkx as nx

from .aggregate import Inventory, is_internal, is_personal_domain, org_domain

log = logging.getLogger(__name__)
MAX_CO_RECIPIENTS = 30
BETWEENNESS_SAMPLES = 32
BETWEENNESS_NODES = 500  # betweenness among the most connected correspondents; the tail never ranks


@dataclass(frozen=True)
class GraphView:
    """What the workbook shows of the graph: small enough to cross a process boundary."""

    nodes: int
    edges: int
    top_edges: tuple[tuple[str, str, int], ...]
    central: tuple[tuple[str, int, float, int], ...]  # address, degree, betweenness, community
    png: bytes


MAX_SHEET_EDGES = 5_000  # the heaviest; GraphML and GEXF hold them all


def graph_outputs(inv: Inventory, graph_path: str | None) -> GraphView:
    """Build the graph, draw it and write the files asked for; return what the workbook needs.

    Self-contained so that it can run in a second process while the workbook is being written."""
    from .report.atomic import atomic_path

    t0 = time.perf_counter()
    g = build_graph(inv)
    t1 = time.perf_counter()
    buf = io.BytesIO()
    draw_graph(g, buf, inv.owner)
    log.debug("graph: built in %.2f s, drawn in %.2f s", t1 - t0, time.perf_counter() - t1)
    png = buf.getvalue()
    if graph_path:
        stem, ext = os.path.splitext(graph_path)
        # GraphML for scripts and GEXF for Gephi are both written; the PNG goes beside them
        for fmt in ("graphml", "gexf"):
            with atomic_path(graph_path if ext.lower() == "." + fmt else f"{stem}.{fmt}") as tmp:
                write_graph(g, tmp, fmt)
        with atomic_path(stem + ".png") as tmp, open(tmp, "wb") as fh:
            fh.write(png)
    edges = sorted(((*_ends(a, b, inv.owner), int(d.get("weight", 1))) for a, b, d in g.edges(data=True)),
                   key=lambda e: (-e[2], e[0], e[1]))
    central = sorted(g.nodes(data=True), key=lambda n: (-n[1].get("betweenness", 0), -n[1].get("degree", 0), n[0]))
    return GraphView(nodes=g.number_of_nodes(), edges=g.number_of_edges(), top_edges=tuple(edges[:MAX_SHEET_EDGES]),
                     central=tuple((n, int(d.get("degree", 0)), float(d.get("betweenness", 0.0)),
                                    int(d.get("community", 0))) for n, d in central[:15]),
                     png=png)


def _ends(a: str, b: str, owner: str) -> tuple[str, str]:
    """An undirected edge shown the same way every run: the owner first, else in address order."""
    return (b, a) if b == owner or (a != owner and b < a) else (a, b)


def build_graph(inv: Inventory) -> nx.Graph:
    owner = inv.owner
    weights: Counter[tuple[str, str]] = Counter()
    by_msg: dict[str, set[str]] = {}
    for key, addr in zip(inv.recipients["message_key"], inv.recipients["addr"], strict=False):
        by_msg.setdefault(key, set()).add(addr)
    for key, sender in zip(inv.messages["key"], inv.messages["sender"], strict=False):
        people = by_msg.get(key, set())
        if sender:
            weights.update((sender, r) if sender < r else (r, sender) for r in people if r != sender)
        others = sorted(p for p in people | ({sender} if sender else set()) if p != owner)
        if 1 < len(others) <= MAX_CO_RECIPIENTS:
            weights.update(combinations(others, 2))  # sorted, so each pair comes in one order
    g = nx.Graph()
    # sorted: node and edge order (hence Louvain's result) must not depend on set iteration order
    g.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(weights.items()))
    for addr in g.nodes:
        dom = addr.rsplit("@", 1)[-1]
        g.nodes[addr].update(domain=dom, organisation=org_domain(dom), owner=addr == owner,
                             internal=is_internal(addr, inv.owner_domains), personal_domain=is_personal_domain(dom))
    if g.number_of_nodes():
        deg = dict(g.degree(weight="weight"))
        # sampled betweenness and Louvain keep this to seconds on 10,000+ correspondents, where exact
        # betweenness and greedy modularity took minutes; seeds make the result stable run to run
        core = g
        if g.number_of_nodes() > BETWEENNESS_NODES:
            core = g.subgraph(sorted(g.nodes, key=lambda n: (-deg[n], n))[:BETWEENNESS_NODES]).copy()  # views are slow
        k = min(BETWEENNESS_SAMPLES, core.number_of_nodes())
        btw = nx.betweenness_centrality(core, k=k if k < core.number_of_nodes() else None, seed=1)
        for i, c in enumerate(_communities(g)):
            for n in c:
                g.nodes[n]["community"] = i
        for n in g.nodes:
            g.nodes[n]["degree"] = deg.get(n, 0)
            g.nodes[n]["betweenness"] = round(btw.get(n, 0.0), 4)
    return g


def _communities(g: nx.Graph) -> list[set[str]]:
    """Louvain on the graph without its leaves, each leaf then joining its only neighbour's community.

    Most correspondents of a real mailbox are leaves (one exchange with one person); a leaf can only
    belong to its neighbour's community, so leaving them out changes nothing but halves the time."""
    leaves = {n for n in g.nodes if g.degree(n) == 1}
    body = g.subgraph(n for n in g.nodes if n not in leaves)
    try:
        comms = nx.community.louvain_communities(body, weight="weight", seed=1) if body.number_of_nodes() else []
    except (ValueError, ZeroDivisionError):
        comms = [set(body.nodes)]
    member = {n: i for i, c in enumerate(comms) for n in c}
    comms = [set(c) for c in comms]
    for leaf in sorted(leaves):
        nb = next(iter(g[leaf]))
        if nb in member:
            comms[member[nb]].add(leaf)
        else:  # two leaves joined only to each other
            member[leaf] = member[nb] = len(comms)
            comms.append({leaf, nb})
    return sorted(comms, key=lambda c: (-len(c), min(c)))


def write_graph(g: nx.Graph, path: str, fmt: str = "graphml") -> None:
    if fmt == "gexf":
        nx.write_gexf(g, path)
    else:
        nx.write_graphml(g, path)


def draw_graph(g: nx.Graph, path_or_buffer, owner: str, top: int = 15) -> None:
    """A picture of the graph: communities coloured, the most central correspondents labelled."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 7), dpi=100)
    ax.axis("off")
    if g.number_of_nodes():
        sub = g
        if g.number_of_nodes() > 150:
            keep = sorted(g.nodes, key=lambda n: g.nodes[n].get("degree", 0), reverse=True)[:150]
            sub = g.subgraph(keep)
        pos = nx.spring_layout(sub, seed=1, weight="weight", k=1.2 / max(1, len(sub)) ** 0.5)
        colours = [sub.nodes[n].get("community", 0) for n in sub.nodes]
        sizes = [40 + 12 * sub.nodes[n].get("degree", 1) ** 0.7 for n in sub.nodes]
        nx.draw_networkx_edges(sub, pos, ax=ax, alpha=0.15, width=0.6)
        nx.draw_networkx_nodes(sub, pos, ax=ax, node_color=colours, cmap="tab20", node_size=sizes, alpha=0.85)
        central = sorted(sub.nodes, key=lambda n: sub.nodes[n].get("degree", 0), reverse=True)[:top]
        nx.draw_networkx_labels(sub, pos, ax=ax, labels={n: n.split("@")[0] for n in central}, font_size=7)
    ax.set_title(f"Correspondents of {owner or 'the mailbox'}")
    fig.tight_layout()
    fig.savefig(path_or_buffer, format="png")
    plt.close(fig)
