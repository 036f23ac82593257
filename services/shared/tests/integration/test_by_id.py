"""Many documents by ``_id`` on the real store: each read names one ``_id`` by equality (FerretDB v1
pushes down no ``$in``: it reads and decodes the whole collection)."""
import uuid

import pytest
from pymongo import MongoClient

from cadre_shared.by_id import find_by_ids
from support.store_commands import StoreCommands

pytestmark = pytest.mark.integration


def test_found_by_id_each_with_its_projection(infra):
    finds = StoreCommands(("find",))
    client = MongoClient(infra.mongo_uri("by_id_test"), event_listeners=[finds])
    try:
        docs = client["by_id_test"]["docs"]
        ids = [str(uuid.uuid4()) for _ in range(3)]
        docs.insert_many([{"_id": i, "name": f"Nguyễn Văn {n}", "unit_id": "U1"} for n, i in enumerate(ids)])
        missing = str(uuid.uuid4())
        finds.clear()
        found = find_by_ids(docs, [ids[0], missing, ids[2], ids[0]], {"name": 1})
        assert found == {ids[0]: {"_id": ids[0], "name": "Nguyễn Văn 0"}, ids[2]: {"_id": ids[2], "name": "Nguyễn Văn 2"}}
        assert finds.filters() == [{"_id": ids[0]}, {"_id": missing}, {"_id": ids[2]}]  # each once, by equality
        assert find_by_ids(docs, []) == {}
    finally:
        client.close()
