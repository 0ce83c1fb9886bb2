// Synthetic vs documented: how much of the network is generated
// Records per collection and kind, split into synthetic (generated) and documented ones.
// Read any analysis of a network with many synthetic records as a scenario, not a finding.
// @param dataset string  dataset id (default: the only dataset loaded)
MATCH (n:SwgraphNode {dataset: $dataset})
WHERE NOT n:Source
RETURN n.collection AS collection, n.kind AS kind,
       sum(CASE WHEN n.synthetic THEN 0 ELSE 1 END) AS documented,
       sum(CASE WHEN n.synthetic THEN 1 ELSE 0 END) AS synthetic, count(n) AS total
ORDER BY collection, kind
