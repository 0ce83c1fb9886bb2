// Inferred dates: which dates are our inference rather than the source's word
// Every record or source with a date marked inferred, the inferred fields, their values and
// notes. Check these before citing a date.
// @param dataset string  dataset id (default: the only dataset loaded)
MATCH (n:SwgraphNode {dataset: $dataset})
WITH n, [k IN keys(n) WHERE k ENDS WITH '_inferred' AND n[k] = true | substring(k, 0, size(k) - 9)] AS fields
WHERE size(fields) > 0
RETURN n.collection AS collection, n.id AS id, fields, [f IN fields | n[f]] AS values,
       [f IN fields | n[f + '_note']] AS notes
ORDER BY collection, id
