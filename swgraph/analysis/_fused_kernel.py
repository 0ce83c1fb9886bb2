"""The numba kernel behind :mod:`swgraph.analysis.paths` (imported lazily: numba takes ~0.4 s to import).

One breadth-first search per source over a CSR adjacency (``indptr``,
``indices``; undirected, so every tie is listed from both ends), Brandes'
dependency accumulation on the way back. Sources are dealt round-robin to a
fixed number of blocks (not to the machine's threads), each block with its
own betweenness row, so the sums -- and their floating-point order -- are the
same on every machine; ``prange`` runs the blocks on all cores.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange


@njit(parallel=True, cache=True, nogil=True)
def brandes_sums(indptr, indices, sources, blocks, per_target, dependencies):  # pragma: no cover - compiled (run by the tests)
    """Per source: reached nodes, sum of hops, sum of 1/hops; per node: raw betweenness (ordered pairs).

    With ``per_target`` also, per node, over the sources that reach it:
    count, sum of d, d², 1/d, 1/d² (rows of a 5 × n array; else 5 × 0).
    With ``dependencies=False`` only the searches run (no path counts, betweenness all 0).
    """
    n = indptr.size - 1
    m = sources.size
    bc = np.zeros((blocks, n))
    tn = n if per_target else 0
    tgt = np.zeros((blocks, 5, tn))
    reach = np.zeros(m, np.int64)
    dsum = np.zeros(m, np.int64)
    hsum = np.zeros(m)
    for b in prange(blocks):
        dist = np.full(n, -1, np.int64)
        sigma = np.zeros(n)
        delta = np.zeros(n)
        order = np.empty(n, np.int64)
        for j in range(b, m, blocks):
            s = sources[j]
            dist[s] = 0
            sigma[s] = 1.0
            order[0] = s
            head = 0
            tail = 1
            while head < tail:
                v = order[head]
                head += 1
                dv = dist[v] + 1
                sv = sigma[v]
                for e in range(indptr[v], indptr[v + 1]):
                    w = indices[e]
                    if dist[w] < 0:
                        dist[w] = dv
                        order[tail] = w
                        tail += 1
                    if dependencies and dist[w] == dv:
                        sigma[w] += sv
            ds = 0
            hs = 0.0
            for i in range(1, tail):
                w = order[i]
                d = dist[w]
                ds += d
                hs += 1.0 / d
                if per_target:
                    tgt[b, 0, w] += 1.0
                    tgt[b, 1, w] += d
                    tgt[b, 2, w] += d * d
                    tgt[b, 3, w] += 1.0 / d
                    tgt[b, 4, w] += 1.0 / (d * d)
            reach[j] = tail
            dsum[j] = ds
            hsum[j] = hs
            for i in range(tail - 1 if dependencies else 0, 0, -1):
                w = order[i]
                dw = dist[w] - 1
                coeff = (1.0 + delta[w]) / sigma[w]
                for e in range(indptr[w], indptr[w + 1]):
                    v = indices[e]
                    if dist[v] == dw:
                        delta[v] += sigma[v] * coeff
                bc[b, w] += delta[w]
            for i in range(tail):
                w = order[i]
                dist[w] = -1
                sigma[w] = 0.0
                delta[w] = 0.0
    return bc.sum(axis=0), reach, dsum, hsum, tgt.sum(axis=0)
