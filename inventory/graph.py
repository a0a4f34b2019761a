"""The relationship graph: who writes to whom, how often, inside or outside the institution."""

from __future__ import annotations

from itertools import combinations

import networkx as nx

from .aggregate import Inventory, is_internal, is_personal_domain, org_domain

MAX_CO_RECIPIENTS = 30
BETWEENNESS_SAMPLES = 64
BETWEENNESS_NODES = 1000  # betweenness among the most connected correspondents; the tail never ranks


def build_graph(inv: Inventory) -> nx.Graph:
    g = nx.Graph()
    owner = inv.owner

    def node(addr: str) -> None:
        if addr not in g:
            dom = addr.rsplit("@", 1)[-1]
            g.add_node(addr, domain=dom, organisation=org_domain(dom), owner=addr == owner,
                       internal=is_internal(addr, inv.owner_domains), personal_domain=is_personal_domain(dom))

    def edge(a: str, b: str) -> None:
        if a == b:
            return
        node(a)
        node(b)
        if g.has_edge(a, b):
            g[a][b]["weight"] += 1
        else:
            g.add_edge(a, b, weight=1)

    by_msg: dict[str, set[str]] = {}
    for key, addr in zip(inv.recipients["message_key"], inv.recipients["addr"], strict=False):
        by_msg.setdefault(key, set()).add(addr)
    for key, sender in zip(inv.messages["key"], inv.messages["sender"], strict=False):
        people = by_msg.get(key, set())
        if sender:
            for r in people:
                edge(sender, r)
        others = sorted(p for p in people | ({sender} if sender else set()) if p != owner)
        if 1 < len(others) <= MAX_CO_RECIPIENTS:
            for a, b in combinations(others, 2):
                edge(a, b)
    if g.number_of_nodes():
        deg = dict(g.degree(weight="weight"))
        # sampled betweenness and Louvain keep this to seconds on 10,000+ correspondents, where exact
        # betweenness and greedy modularity took minutes; seeds make the result stable run to run
        core = g
        if g.number_of_nodes() > BETWEENNESS_NODES:
            core = g.subgraph(sorted(g.nodes, key=lambda n: (-deg[n], n))[:BETWEENNESS_NODES]).copy()  # views are slow
        k = min(BETWEENNESS_SAMPLES, core.number_of_nodes())
        btw = nx.betweenness_centrality(core, k=k if k < core.number_of_nodes() else None, seed=1)
        try:
            comms = nx.community.louvain_communities(g, weight="weight", seed=1)
        except (ValueError, ZeroDivisionError):
            comms = [set(g.nodes)]
        comms = sorted(comms, key=lambda c: (-len(c), min(c)))
        for i, c in enumerate(comms):
            for n in c:
                g.nodes[n]["community"] = i
        for n in g.nodes:
            g.nodes[n]["degree"] = deg.get(n, 0)
            g.nodes[n]["betweenness"] = round(btw.get(n, 0.0), 4)
    return g


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
        if g.number_of_nodes() > 400:
            keep = sorted(g.nodes, key=lambda n: g.nodes[n].get("degree", 0), reverse=True)[:400]
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
