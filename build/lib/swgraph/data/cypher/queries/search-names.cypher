// Search names: find entities by Chinese or English name, alias or pinyin
// Full-text search (index swgraph_names, CJK analyzer) over names, aliases, titles and pinyin
// of every node. Lucene syntax works: "lian he hui", columbia~, 社会工作*.
// @param dataset string  dataset id (default: the only dataset loaded)
// @param q string = 社会工作联合会  search text
// @param limit int = 10  how many hits
CALL db.index.fulltext.queryNodes('swgraph_names', $q) YIELD node, score
WHERE node.dataset = $dataset
RETURN node.id AS id, node.name AS name, node.kind AS kind, node.collection AS collection, round(score, 3) AS score
ORDER BY score DESC, id
LIMIT $limit
