"""Password hashes of workspace accounts (issue #12): OWASP's argon2id setting, old hashes replaced on a match
without undoing an admin's change made meanwhile, and no more checks at once than the server has cores."""

import json
import threading
import time

from argon2 import PasswordHasher, Type, extract_parameters

from core import users
from core.access import User

ADMIN = User("zhao", "admin")
PASSWORD = "correct horse battery"


def stored_hash(ws, name: str) -> str:
    return json.loads((ws / users.FILE_NAME).read_text(encoding="utf-8"))["users"][name]["password_hash"]


def store_hash(ws, name: str, password_hash: str) -> None:
    data = json.loads((ws / users.FILE_NAME).read_text(encoding="utf-8"))
    data["users"][name]["password_hash"] = password_hash
    (ws / users.FILE_NAME).write_text(json.dumps(data), encoding="utf-8")


def test_a_new_password_is_hashed_with_owasps_argon2id_setting_19_mib_two_passes_one_lane(tmp_path):
    users.add_user(tmp_path, "li", "viewer", PASSWORD, actor=ADMIN)
    found = extract_parameters(stored_hash(tmp_path, "li"))
    assert (found.type, found.memory_cost, found.time_cost, found.parallelism) == (Type.ID, 19 * 1024, 2, 1)


def test_a_hash_made_with_argon2_cffis_old_default_still_signs_in_and_is_then_replaced(tmp_path):
    users.add_user(tmp_path, "li", "viewer", PASSWORD, actor=ADMIN)
    store_hash(tmp_path, "li", PasswordHasher().hash(PASSWORD))  # 64 MiB, 3 passes, 4 lanes: the old setting
    assert users.password_matches(tmp_path, "li", PASSWORD).name == "li"
    found = extract_parameters(stored_hash(tmp_path, "li"))
    assert (found.memory_cost, found.time_cost, found.parallelism) == (19 * 1024, 2, 1)
    assert users.password_matches(tmp_path, "li", PASSWORD).name == "li"  # the new hash is of the same password


def test_a_wrong_password_leaves_an_old_hash_as_it_was(tmp_path):
    users.add_user(tmp_path, "li", "viewer", PASSWORD, actor=ADMIN)
    old = PasswordHasher().hash(PASSWORD)
    store_hash(tmp_path, "li", old)
    assert users.password_matches(tmp_path, "li", "not the password") is None
    assert stored_hash(tmp_path, "li") == old


def test_a_rehash_does_not_undo_a_password_reset_made_while_the_old_hash_was_checked(tmp_path, monkeypatch):
    users.add_user(tmp_path, "li", "viewer", PASSWORD, actor=ADMIN)
    store_hash(tmp_path, "li", PasswordHasher().hash(PASSWORD))
    check = users._verify

    def check_then_admin_resets(password_hash, password):
        check(password_hash, password)
        users.reset_password(tmp_path, "li", "a new long password", actor=ADMIN)

    monkeypatch.setattr(users, "_verify", check_then_admin_resets)
    users.password_matches(tmp_path, "li", PASSWORD)
    monkeypatch.undo()
    assert users.password_matches(tmp_path, "li", "a new long password").name == "li"
    assert users.password_matches(tmp_path, "li", PASSWORD) is None


def test_a_rehash_does_not_bring_back_an_account_removed_while_its_hash_was_checked(tmp_path, monkeypatch):
    users.add_user(tmp_path, "li", "viewer", PASSWORD, actor=ADMIN)
    users.add_user(tmp_path, "wang", "viewer", PASSWORD, actor=ADMIN)
    store_hash(tmp_path, "li", PasswordHasher().hash(PASSWORD))
    check = users._verify

    def check_then_admin_removes(password_hash, password):
        check(password_hash, password)
        users.remove_user(tmp_path, "li", actor=ADMIN)

    monkeypatch.setattr(users, "_verify", check_then_admin_removes)
    users.password_matches(tmp_path, "li", PASSWORD)
    monkeypatch.undo()
    assert users.find_user(tmp_path, "li") is None
    assert [u["name"] for u in users.list_users(tmp_path)] == ["wang"]


class CountingHasher(PasswordHasher):
    """Today's hasher, counting how many verify calls run at the same moment (each held 50 ms)."""

    __slots__ = ()
    lock, running, most = threading.Lock(), [0], [0]

    def verify(self, password_hash, password):
        with self.lock:
            self.running[0] += 1
            self.most[0] = max(self.most[0], self.running[0])
        time.sleep(0.05)  # long enough for the six threads to pile up at the gate
        with self.lock:
            self.running[0] -= 1
        return super().verify(password_hash, password)


def test_six_sign_ins_at_once_on_two_cores_check_two_passwords_at_a_time(tmp_path, monkeypatch):
    users.add_user(tmp_path, "li", "viewer", PASSWORD, actor=ADMIN)
    monkeypatch.setattr(users, "_CHECKS", threading.BoundedSemaphore(2))
    monkeypatch.setattr(users, "_HASHER", CountingHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1))
    matched = []
    threads = [
        threading.Thread(target=lambda: matched.append(users.password_matches(tmp_path, "li", PASSWORD)))
        for _ in range(6)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert CountingHasher.most[0] == 2
    assert [u.name for u in matched] == ["li"] * 6
