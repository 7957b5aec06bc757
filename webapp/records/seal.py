"""The district's seal on every filed PDF: a PAdES signature made with pyHanko.

A PDF reader then shows that the file is unaltered since it was filed (/verify matches
the stored bytes' hash instead, so a later change of certificate does not matter there).
The certificate is the district's own when TANDEM_SEAL_P12 names a PKCS#12 file
(TANDEM_SEAL_P12_PASSWORD its password); otherwise Tandem makes a self-signed one on
first use, in the instance folder (seal/seal.p12, readable by the app's user only), and
keeps using it. A reader trusts a self-signed seal only once told
to; integrity ("unaltered since signing") shows either way.
"""
from __future__ import annotations

import io
import os
import secrets
from datetime import datetime, timedelta, timezone
from functools import cache
from pathlib import Path

from flask import current_app

SEAL_FIELD = "TandemSeal"


def seal(data: bytes, *, reason: str, location: str) -> bytes:
    """The PDF with the district's PAdES signature added (an incremental update)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=SEAL_FIELD, reason=reason[:200], location=location[:200],
        subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256")
    out = io.BytesIO()
    _run(signers.async_sign_pdf(writer, meta, signer=_signer(*_p12()), output=out))
    return out.getvalue()


def _run(coroutine):
    """Run pyHanko's coroutine to the end, also where this thread already runs an event
    loop (its sync API calls asyncio.run, which then fails): in a thread of its own."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def certificate():
    """The seal's certificate (asn1crypto): the trust root for validating what it
    signed."""
    return _signer(*_p12()).signing_cert


def _p12() -> tuple[bytes, bytes | None]:
    """(PKCS#12 bytes, password) of the district's certificate or Tandem's own."""
    own = current_app.config.get("SEAL_P12")
    if own:
        password = current_app.config.get("SEAL_P12_PASSWORD")
        return Path(own).read_bytes(), password.encode() if password else None
    path = Path(current_app.instance_path) / "seal" / "seal.p12"
    if not path.exists():
        _make_p12(path)  # first use; two at once keep the first made (see there)
    return path.read_bytes(), None


@cache
def _signer(p12: bytes, password: bytes | None):
    from pyhanko.sign import signers

    signer = signers.SimpleSigner.load_pkcs12_data(p12, other_certs=[], passphrase=password)
    if signer is None:
        raise RuntimeError("The seal's PKCS#12 file could not be read (wrong password?).")
    return signer


def _make_p12(path: Path) -> None:
    """A self-signed certificate for sealing documents, valid for 30 years."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, "Tandem records seal"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Tandem"),
        x509.NameAttribute(NameOID.SERIAL_NUMBER, secrets.token_hex(8)),
    ])
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=365 * 30))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False,
                crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    data = pkcs12.serialize_key_and_certificates(
        b"tandem-seal", key, cert, None, serialization.NoEncryption())
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    try:  # another process may have made one meanwhile: the first one stays
        os.link(temporary, path)
    except FileExistsError:
        pass
    finally:
        temporary.unlink()
