"""The consumer runner applies runs of batchable events in one call of the spec's batch handler,
in the partition's order around the records it handles one by one, commits once per poll for
every partition it finished with, and falls back to one by one when a batch fails."""
import json
import uuid
from types import SimpleNamespace


from cadre_shared.consumer import ConsumerRunner, ConsumerSpec
from cadre_shared.contracts import contract_for
from cadre_shared.envelope import make_event


def rid(n: int) -> str:
    return str(uuid.UUID(int=n))


def recorded(n: int) -> bytes:
    payload = {**contract_for("response.recorded", 1).examples[0], "response_id": rid(n)}
    return json.dumps(make_event("response.recorded", 1, "c-1", payload, "test")).encode()


class FakeKafka:
    def __init__(self, records):
        self.records, self.commits, self.seeks = records, [], []

    def poll(self, timeout_ms):
        return {"tp": self.records}

    def commit(self, offsets):
        self.commits.append(next(iter(offsets.values())).offset)

    def seek(self, tp, offset):
        self.seeks.append(offset)

    def assignment(self):
        return []


def runner_on(values, batch_handler):
    calls = []
    spec = ConsumerSpec("facts", ["survey.responses.v1"], lambda event: calls.append(("one", event)),
                        ledger_free_types=frozenset({"response.recorded"}),
                        batch_handler=lambda events: batch_handler(calls, events),
                        batch_types=frozenset({"response.recorded"}))
    runner = ConsumerRunner("test", spec, "127.0.0.1:1")
    records = [SimpleNamespace(topic="survey.responses.v1", partition=0, offset=10 + i, key=b"k", value=v, headers=[])
               for i, v in enumerate(values)]
    runner._consumer = FakeKafka(records)
    runner._dead_letter = lambda record, error: calls.append(("dead", record.offset))
    return runner, calls


def test_runs_are_batched_in_order_around_a_poison_record_and_committed_once():
    runner, calls = runner_on([recorded(1), recorded(2), b"not json", recorded(3)],
                              lambda calls, events: calls.append(("batch", [e["payload"]["response_id"] for e in events])))
    assert runner.poll_once() == 4
    assert calls == [("batch", [rid(1), rid(2)]), ("dead", 12), ("batch", [rid(3)])]
    assert runner._consumer.commits == [14] and runner._consumer.seeks == []


def test_a_failing_batch_is_applied_one_by_one():
    def failing(calls, events):
        raise RuntimeError("store hiccup")

    runner, calls = runner_on([recorded(1), recorded(2)], failing)
    assert runner.poll_once() == 2
    assert [(kind, event["payload"]["response_id"]) for kind, event in calls] == [("one", rid(1)), ("one", rid(2))]
    assert runner._consumer.commits == [12]


def test_a_stop_rewinds_to_the_first_record_not_finished():
    runner, calls = runner_on([b"not json", recorded(1)], lambda calls, events: calls.append("batch"))
    original = runner._dead_letter

    def dead_then_stop(record, error):
        original(record, error)
        runner.stop()

    runner._dead_letter = dead_then_stop
    runner.poll_once()
    assert calls == [("dead", 10)] and runner._consumer.commits == [11] and runner._consumer.seeks == [11]


class FakeKafkaOfPartitions(FakeKafka):
    """A poll spanning several partitions; every commit call kept whole."""

    def poll(self, timeout_ms):
        return self.records

    def commit(self, offsets):
        self.commits.append({tp: meta.offset for tp, meta in offsets.items()})


def test_a_poll_over_many_partitions_is_committed_in_one_call():
    runner, calls = runner_on([], lambda calls, events: calls.append(len(events)))
    records = {p: [SimpleNamespace(topic="survey.responses.v1", partition=p, offset=5 * p + i, key=b"k",
                                   value=recorded(10 * p + i), headers=[]) for i in range(2)] for p in range(3)}
    runner._consumer = FakeKafkaOfPartitions(records)
    assert runner.poll_once() == 6
    assert calls == [2, 2, 2] and runner._consumer.commits == [{0: 2, 1: 7, 2: 12}]


def test_a_partition_not_finished_is_left_out_of_the_poll_s_commit_and_read_again():
    def failing_on_partition_1(calls, events):
        if events[0]["payload"]["response_id"] == rid(10):
            raise RuntimeError("store hiccup")

    runner, calls = runner_on([], failing_on_partition_1)
    records = {p: [SimpleNamespace(topic="survey.responses.v1", partition=p, offset=i, key=b"k",
                                   value=recorded(10 * p + i), headers=[]) for i in range(2)] for p in range(2)}
    runner._consumer = FakeKafkaOfPartitions(records)
    runner._process = lambda record: False  # the one-by-one way meets the outage too
    assert runner.poll_once() == 2
    assert runner._consumer.commits == [{0: 2}] and runner._consumer.seeks == [0]
