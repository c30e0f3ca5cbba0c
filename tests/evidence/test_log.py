from amicable.evidence import services
from amicable.evidence.log import consistency_proof_between, inclusion_proof_for
from amicable.evidence.models import Checkpoint, LogEntry, LogHead, WorkspaceKey
from amicable.lib import merkle, signing

from .base import VaultTestCase


class LogTests(VaultTestCase):
    def test_it_signs_a_checkpoint_with_the_workspace_key(self):
        services.note_add(actor=self.owner, case=self.case, body="one")
        cp = Checkpoint.objects.get()
        key = WorkspaceKey.objects.get(workspace=self.workspace)
        note = signing.verify_checkpoint(cp.note, name=key.name, public_key=bytes(key.public_key))
        assert (note.size, note.root.hex()) == (1, cp.root_hash)
        assert bytes(key.wrapped_private_key)[:4] == b"AKv1"  # never stored in the clear

    def test_it_keeps_the_frontier_in_step_with_the_entries(self):
        for i in range(7):
            services.note_add(actor=self.owner, case=self.case, body=f"note {i}")
        head = LogHead.objects.get(pk=self.workspace.pk)
        hashes = [bytes.fromhex(h) for h in LogEntry.objects.order_by("index").values_list("leaf_hash", flat=True)]
        assert head.size == 7
        assert merkle.CompactRange.from_bytes(7, bytes(head.frontier)).root() == merkle.root_of(hashes)

    def test_it_proves_an_item_is_in_the_latest_checkpoint(self):
        items = [services.note_add(actor=self.owner, case=self.case, body=f"note {i}") for i in range(5)]
        proof = inclusion_proof_for(LogEntry.objects.get(item=items[1]))
        assert proof.valid and proof.checkpoint.tree_size == 5 and len(proof.path) == 3

    def test_it_proves_two_checkpoints_are_consistent(self):
        for i in range(3):
            services.note_add(actor=self.owner, case=self.case, body=f"note {i}")
        old = Checkpoint.objects.get(tree_size=2)
        new = Checkpoint.objects.get(tree_size=3)
        proof = consistency_proof_between(old, new)
        assert merkle.verify_consistency(2, 3, bytes.fromhex(old.root_hash), bytes.fromhex(new.root_hash), proof)

    def test_it_keeps_one_log_per_workspace(self):
        services.note_add(actor=self.owner, case=self.case, body="mine")
        services.note_add(actor=self.stranger, case=self.stranger_case, body="theirs")
        assert list(LogEntry.objects.order_by("workspace_id").values_list("index", flat=True)) == [0, 0]


class TileTests(VaultTestCase):
    def test_it_stores_tile_roots_and_proves_from_them(self):
        from unittest import mock

        from amicable.evidence import log
        from amicable.evidence.models import MerkleTile
        from amicable.evidence.verify import verify_all

        with mock.patch.object(log, "TILE_HEIGHT", 2):  # tiles of 4 leaves
            items = [services.note_add(actor=self.owner, case=self.case, body=f"note {i}") for i in range(10)]
            assert list(MerkleTile.objects.order_by("index").values_list("index", flat=True)) == [0, 1]
            hasher = log.tree_hasher(self.workspace.pk, 10)
            assert isinstance(hasher, merkle.TiledHasher)
            proof = inclusion_proof_for(LogEntry.objects.get(item=items[6]))
            assert proof.valid and proof.checkpoint.tree_size == 10
            with mock.patch("amicable.evidence.verify.TILE_HEIGHT", 2):
                assert verify_all().ok
                MerkleTile.objects.filter(index=1).update(root="00" * 32)
                report = verify_all()
        assert not report.ok and report.problems[0].ref == "tile 1"
