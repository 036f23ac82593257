"""Back up and restore the services' databases (issue 18).

    python -m cadre_shared.backup dump    --root DIR [--keep N]   one backup, DIR/cadre360-<UTC time>/
    python -m cadre_shared.backup daily   --root DIR --at HH:MM [--keep N]   one every day (compose)
    python -m cadre_shared.backup restore --from DIR [--drop]     every database of that backup
    python -m cadre_shared.backup check   --root DIR [--max-age-hours H]   health of the daily backup

The store is named by ``C360_BACKUP_MONGO_URI`` (a URI without credentials; the user and its
password file are ``C360_MONGO_USERNAME`` / ``C360_MONGO_PASSWORD_FILE``, as for the services) and
the databases by ``C360_BACKUP_DATABASES`` (comma-separated). A backup is a directory: one file of
BSON documents per collection (``<database>/<collection>.bson``, mongodump's layout) and
``manifest.json`` with each file's document count and SHA-256 and each collection's indexes. A
restore checks every file against the manifest before it writes anything, and refuses a database
that is not empty unless told ``--drop``. The same tool runs against MongoDB in production and
FerretDB here (mongodump is not part of the development machines), so what the restore test runs
is what the operator runs.

Kafka is not copied: after a restore the owners publish their current state again and the
consumers' offsets are moved past what Kafka held (``cadre_shared.restore``, deploy/README.md).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bson import decode_file_iter
from bson.codec_options import CodecOptions
from bson.raw_bson import RawBSONDocument
from pymongo import MongoClient

from .config import env
from .connections import mongo_options

MANIFEST = "manifest.json"
PREFIX = "cadre360-"
RAW = CodecOptions(document_class=RawBSONDocument)
INSERT_BATCH = 1000


class BackupError(RuntimeError):
    """A backup that cannot be restored as it is (missing or altered file, store not empty)."""


def client(uri: str | None = None) -> MongoClient:
    return MongoClient(uri or env("BACKUP_MONGO_URI"), serverSelectionTimeoutMS=10000, **mongo_options())


def databases() -> list[str]:
    return [name.strip() for name in (env("BACKUP_DATABASES") or "").split(",") if name.strip()]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _indexes(collection) -> list[dict]:
    return [{"keys": list(info["key"]), "unique": bool(info.get("unique"))}
            for name, info in collection.index_information().items() if name != "_id_"]


def dump(mongo: MongoClient, names: list[str], target: Path) -> dict:
    """Every collection of ``names`` into ``target`` (created), then its manifest; returns the manifest."""
    target.mkdir(parents=True)
    manifest = {"format": 1, "started_at": datetime.now(timezone.utc).isoformat(), "databases": {}}
    for name in names:
        folder = target / name
        folder.mkdir()
        collections = {}
        # system.* collections (views, profiles) are the server's own: a restore could not write them
        for collection_name in sorted(c for c in mongo[name].list_collection_names() if not c.startswith("system.")):
            collection = mongo[name].get_collection(collection_name, codec_options=RAW)
            path = folder / f"{collection_name}.bson"
            count = 0
            with path.open("wb") as out:
                for document in collection.find({}):
                    out.write(document.raw)
                    count += 1
            collections[collection_name] = {"file": f"{name}/{path.name}", "documents": count,
                                            "sha256": _sha256(path), "indexes": _indexes(collection)}
        manifest["databases"][name] = collections
    manifest["finished_at"] = datetime.now(timezone.utc).isoformat()
    # written last: a directory without a manifest is an interrupted backup, never restored
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


def verify(source: Path) -> dict:
    """The backup's manifest, once every file it names is there with its checksum."""
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{source}: no {MANIFEST} (an interrupted backup?)") from None
    for collections in manifest["databases"].values():
        for entry in collections.values():
            path = source / entry["file"]
            if not path.is_file() or _sha256(path) != entry["sha256"]:
                raise BackupError(f"{path}: missing or altered (checksum differs from the manifest)")
    return manifest


def restore(mongo: MongoClient, source: Path, drop: bool = False) -> dict:
    """Every database of the backup at ``source`` into ``mongo``; documents restored per database."""
    manifest = verify(source)
    for name in manifest["databases"]:
        if mongo[name].list_collection_names() and not drop:
            raise BackupError(f"database {name} is not empty (restore with --drop to replace it)")
    restored = {}
    for name, collections in manifest["databases"].items():
        database = mongo[name]
        if drop:
            for collection_name in database.list_collection_names():
                if not collection_name.startswith("system."):
                    database.drop_collection(collection_name)
        count = 0
        for collection_name, entry in collections.items():
            collection = database[collection_name]
            database.create_collection(collection_name)
            for index in entry["indexes"]:
                collection.create_index([tuple(key) for key in index["keys"]], unique=index["unique"])
            with (source / entry["file"]).open("rb") as handle:
                batch = []
                for document in decode_file_iter(handle, RAW):
                    batch.append(document)
                    if len(batch) == INSERT_BATCH:
                        collection.insert_many(batch, ordered=False)
                        count, batch = count + len(batch), []
                if batch:
                    collection.insert_many(batch, ordered=False)
                    count += len(batch)
            if collection.estimated_document_count() != entry["documents"]:
                raise BackupError(f"{name}.{collection_name}: restored count differs from the manifest")
        restored[name] = count
    return restored


def dump_into(root: Path, keep: int) -> Path:
    """A new backup under ``root``, then only the ``keep`` newest complete ones kept."""
    target = root / (PREFIX + datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ"))
    mongo = client()
    try:
        dump(mongo, databases(), target)
    finally:
        mongo.close()
    complete = sorted(p for p in root.glob(PREFIX + "*") if (p / MANIFEST).is_file())
    for old in complete[:-keep]:
        shutil.rmtree(old)
    return target


def check(root: Path, max_age: timedelta, now: datetime) -> str | None:
    """Why the daily backup is unhealthy (None: it is not): ``root`` must take files, and the newest
    complete backup, once there is one, must be younger than ``max_age``."""
    probe = root / ".write-test"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        return f"{root} is not writable: {exc.strerror}"
    complete = sorted(p for p in root.glob(PREFIX + "*") if (p / MANIFEST).is_file())
    if complete:
        taken = datetime.strptime(complete[-1].name[len(PREFIX):], "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
        if now - taken > max_age:
            return f"the newest backup, {complete[-1].name}, is older than {max_age}"
    return None


def seconds_until(at: str, now: datetime) -> float:
    hour, minute = (int(part) for part in at.split(":"))
    moment = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if moment <= now:
        moment += timedelta(days=1)
    return (moment - now).total_seconds()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cadre_shared.backup")
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("dump", "daily"):
        command = commands.add_parser(name)
        command.add_argument("--root", type=Path, required=True)
        command.add_argument("--keep", type=int, default=14)
        if name == "daily":
            command.add_argument("--at", required=True, help="HH:MM, UTC")
    command = commands.add_parser("check")
    command.add_argument("--root", type=Path, required=True)
    command.add_argument("--max-age-hours", type=float, default=26)
    command = commands.add_parser("restore")
    command.add_argument("--from", dest="source", type=Path, required=True)
    command.add_argument("--drop", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "check":
        problem = check(args.root, timedelta(hours=args.max_age_hours), datetime.now(timezone.utc))
        print(problem or "ok")
        return 1 if problem else 0
    if args.command == "restore":
        mongo = client()
        try:
            print(json.dumps({"restored": restore(mongo, args.source, drop=args.drop)}))
        except BackupError as exc:  # the operator's to fix: said plainly, not as a trace
            print(f"restore refused: {exc}", file=sys.stderr)
            return 1
        finally:
            mongo.close()
        return 0
    while True:
        if args.command == "daily":
            time.sleep(seconds_until(args.at, datetime.now(timezone.utc)))
        print(json.dumps({"backup": str(dump_into(args.root, args.keep))}), flush=True)
        if args.command == "dump":
            return 0


if __name__ == "__main__":
    sys.exit(main())
