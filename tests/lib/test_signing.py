import base64

import pytest

from amicable.lib import signing as s

# RFC 8032, section 7.1, TEST 1.
RFC8032_SECRET = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
RFC8032_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
ROOT = bytes(range(32))


def test_it_derives_the_rfc8032_public_key():
    assert s.public_key_of(RFC8032_SECRET).hex() == RFC8032_PUBLIC


def test_it_writes_a_checkpoint_in_signed_note_form():
    note = s.sign_checkpoint("amicable/ws/7", 42, ROOT, name="ws-7", private_key=RFC8032_SECRET)
    body, sig_line = note.split("\n\n")
    assert body == f"amicable/ws/7\n42\n{base64.b64encode(ROOT).decode()}"
    assert sig_line.startswith("\u2014 ws-7 ")
    raw = base64.b64decode(sig_line.split(" ")[2])
    assert raw[:4] == s.key_id("ws-7", bytes.fromhex(RFC8032_PUBLIC))
    assert len(raw) == 68


def test_it_verifies_a_checkpoint_and_returns_what_it_claims():
    priv = s.generate_private_key()
    pub = s.public_key_of(priv)
    note = s.sign_checkpoint("origin", 9, ROOT, name="k", private_key=priv)
    cp = s.verify_checkpoint(note, name="k", public_key=pub)
    assert (cp.origin, cp.size, cp.root) == ("origin", 9, ROOT)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda n: n.replace("\n9\n", "\n10\n"), "does not verify"),
        (lambda n: n.replace("origin", "other"), "does not verify"),
        (lambda n: n.replace("\u2014 k ", "\u2014 j "), "no signature by key"),
        (lambda n: n.split("\n\n")[0] + "\n", "no signature block"),
        (lambda n: n.replace("\n9\n", "\nnine\n"), "is not a decimal number"),
    ],
)
def test_it_rejects_a_changed_checkpoint(edit, message):
    priv = s.generate_private_key()
    note = s.sign_checkpoint("origin", 9, ROOT, name="k", private_key=priv)
    with pytest.raises(s.SigningError, match=message):
        s.verify_checkpoint(edit(note), name="k", public_key=s.public_key_of(priv))


def test_it_rejects_another_key():
    note = s.sign_checkpoint("o", 1, ROOT, name="k", private_key=s.generate_private_key())
    with pytest.raises(s.SigningError, match="no signature by key"):
        s.verify_checkpoint(note, name="k", public_key=s.public_key_of(s.generate_private_key()))


def test_it_round_trips_a_verifier_key():
    pub = s.public_key_of(RFC8032_SECRET)
    text = s.verifier_key("ws-7", pub)
    assert s.parse_verifier_key(text) == ("ws-7", pub)
    with pytest.raises(s.SigningError, match="key id does not match"):
        s.parse_verifier_key(text.replace("ws-7", "ws-8", 1))


def test_it_refuses_bad_key_names():
    with pytest.raises(s.SigningError, match="no spaces and no"):
        s.key_id("a b", bytes(32))


def test_it_wraps_and_unwraps_a_private_key():
    priv = s.generate_private_key()
    blob = s.wrap_private_key(priv, "django-secret")
    assert priv not in blob
    assert s.unwrap_private_key(blob, "django-secret") == priv
    with pytest.raises(s.SigningError, match="was SECRET_KEY changed"):
        s.unwrap_private_key(blob, "another-secret")
    with pytest.raises(s.SigningError, match="unknown format"):
        s.unwrap_private_key(b"junk", "django-secret")
