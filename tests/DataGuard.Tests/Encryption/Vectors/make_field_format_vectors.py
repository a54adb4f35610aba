"""Writes field_format_vectors.json: DataGuard stored values made from docs/format.md alone, with Python's
`cryptography` package (an implementation independent of DataGuard's). FieldFormatVectorTests checks that DataGuard
reads every one. Run by hand: python3 make_field_format_vectors.py (nonces are fixed here so the output is stable)."""
import base64, datetime, decimal, hashlib, json, struct, uuid
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def column_ad(entity, prop, subject=None):
    ad = b"DataGuard.Field.v1\0" + entity.encode() + b"\0" + prop.encode()
    return ad if subject is None else ad + b"\0" + subject.encode()


def seal(key, key_id, flags, ad, plaintext, nonce):
    header = bytes([1, flags]) + struct.pack(">i", key_id)
    sealed = AESGCM(key).encrypt(nonce, plaintext, header + ad)  # ciphertext || 16-byte tag
    return header + nonce + sealed


def decimal_bits(d):
    sign, digits, exponent = d.as_tuple()
    scale = -exponent if exponent < 0 else 0
    mantissa = int("".join(map(str, digits))) * (10 ** exponent if exponent > 0 else 1)
    lo, mid, hi = mantissa & 0xFFFFFFFF, (mantissa >> 32) & 0xFFFFFFFF, mantissa >> 64
    flags = (scale << 16) | (0x80000000 if sign else 0)
    return struct.pack(">IIII", lo, mid, hi, flags)


def ticks(dt):
    return (dt - datetime.datetime(1, 1, 1, tzinfo=dt.tzinfo)) // datetime.timedelta(microseconds=1) * 10


def key_of(label):
    return hashlib.sha256(b"DataGuard test vector key " + label.encode()).digest()


def nonce_of(n):
    return hashlib.sha256(b"nonce %d" % n).digest()[:12]


cases = [
    # name, type, value (as text), plaintext bytes, entity, property, subject, key label, key id, flags, form
    ("ring-string", "string", "ana.silva@example.com", "ana.silva@example.com".encode(), "Customer", "Email", None, "ring-1", 1, 0, "text"),
    ("ring-string-empty", "string", "", b"", "Customer", "Name", None, "ring-1", 1, 0, "text"),
    ("ring-string-unicode", "string", "José Müller 李伟", "José Müller 李伟".encode(), "Customer", "Name", None, "ring-7", 7, 0, "text"),
    ("ring-string-large-key-id", "string", "+351 912 345 678", "+351 912 345 678".encode(), "Customer", "CardNumber", None, "ring-big", 2_000_000_001, 0, "text"),
    ("ring-int", "int", "712", struct.pack(">i", 712), "Account", "CreditScore", None, "ring-1", 1, 0, "text"),
    ("ring-int-negative", "int", "-1", struct.pack(">i", -1), "Account", "CreditScore", None, "ring-1", 1, 0, "text"),
    ("ring-long", "long", "9007199254740993", struct.pack(">q", 9007199254740993), "Account", "Reference", None, "ring-1", 1, 0, "text"),
    ("ring-bool", "bool", "true", b"\x01", "Account", "Vip", None, "ring-1", 1, 0, "text"),
    ("ring-dateonly", "DateOnly", "1988-04-17", struct.pack(">i", datetime.date(1988, 4, 17).toordinal() - 1), "Account", "BirthDate", None, "ring-1", 1, 0, "text"),
    ("ring-decimal", "decimal", "1234.56", decimal_bits(decimal.Decimal("1234.56")), "Account", "Balance", None, "ring-1", 1, 0, "text"),
    ("ring-decimal-negative", "decimal", "-0.0001", decimal_bits(decimal.Decimal("-0.0001")), "Account", "Balance", None, "ring-1", 1, 0, "text"),
    ("ring-guid", "Guid", "6f1d2c3b-4a59-4e68-8f7a-0b1c2d3e4f50", uuid.UUID("6f1d2c3b-4a59-4e68-8f7a-0b1c2d3e4f50").bytes, "Account", "NationalId", None, "ring-1", 1, 0, "text"),
    ("ring-datetime-utc", "DateTime", "2026-01-02T03:04:05.0000000Z",
     struct.pack(">q", (1 << 62) | ticks(datetime.datetime(2026, 1, 2, 3, 4, 5))), "Account", "LastSeen", None, "ring-1", 1, 0, "text"),
    ("ring-datetimeoffset", "DateTimeOffset", "2026-01-02T03:04:05.0000000+01:00",
     struct.pack(">qh", ticks(datetime.datetime(2026, 1, 2, 3, 4, 5)), 60), "Account", "SignedAt", None, "ring-1", 1, 0, "text"),
    ("ring-bytes", "byte[]", "AQIDBAUGBwg=", bytes([1, 2, 3, 4, 5, 6, 7, 8]), "Patient", "Photo", None, "ring-1", 1, 0, "binary"),
    ("subject-string", "string", "mia.koch@example.de", "mia.koch@example.de".encode(), "Patient", "Email", "5e1a0000-0000-4000-8000-000000000001", "subject-42", 42, 1, "text"),
    ("subject-bytes", "byte[]", "/wA=", b"\xff\x00", "Patient", "Photo", "5e1a0000-0000-4000-8000-000000000001", "subject-42", 42, 1, "binary"),
]

vectors = []
for i, (name, type_, value, plain, entity, prop, subject, label, key_id, flags, form) in enumerate(cases):
    key = key_of(label)
    ad = column_ad(entity, prop, subject)
    stored = seal(key, key_id, flags, ad, plain, nonce_of(i))
    vectors.append({
        "name": name, "type": type_, "value": value, "entity": entity, "property": prop, "subject": subject,
        "keyId": key_id, "key": key.hex(), "flags": flags, "associatedData": ad.hex(), "plaintext": plain.hex(),
        "form": form,
        "stored": ("dg:" + base64.b64encode(stored).decode()) if form == "text" else base64.b64encode(stored).decode(),
    })

with open("field_format_vectors.json", "w", encoding="utf-8") as f:
    json.dump({"format": "DataGuard field format, version 1 (docs/format.md)", "vectors": vectors}, f, indent=2, ensure_ascii=False)
    f.write("\n")
