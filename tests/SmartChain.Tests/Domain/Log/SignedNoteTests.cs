using SmartChain.Domain.Log;

namespace SmartChain.Tests.Domain.Log;

/// <summary>Published C2SP signed-note / tlog-cosignature vectors, and the rules of verification around them.</summary>
public class SignedNoteTests
{
    // c2sp.org/signed-note, "Verifier keys / Example".
    private const string ExampleKey = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
    private const string ExampleNote =
        "This is an example message.\n\n"
        + "— example.com/foo "
        + "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    // golang.org/x/mod/sumdb/note documentation example: signer key, verifier key and the signed note.
    private const string PeterSigner = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private const string PeterKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private const string PeterText =
        "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private const string PeterSignature =
        "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    // A real checkpoint of the arche2025h1 staging CT log with a cosignature/v1 of the public witness remora.n621.de
    // (as published in the tests of a C2SP checkpoint library); the first line is an RFC 6962 (type 0x05) signature
    // that a verifier of our types must ignore.
    private const string ArcheLogKey =
        "arche2025h1.staging.ct.transparency.dev+ba2f06c0+AU0vHmlGCS/PdN8b2OaGmKprLI8HKM+dJ472xgFYh15f";
    private const string RemoraKey = "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2";
    private const string ArcheCheckpoint =
        "arche2025h1.staging.ct.transparency.dev\n1432088532\nU7WM79jrzyhGZ5/GUBTpM7NzwdyfFx61t3RovgcC4Ro=\n\n"
        + "— arche2025h1.staging.ct.transparency.dev "
        + "zTM8sQAAAZ5W0WdjBAMARjBEAiBjW5IQf9pvsYLfQFX6hoGREPMHbdQ3urbllzalApkptQIgIpwtEroeW2BXaHAI4kJXFbon5Ch9MNL5"
        + "zRNZ55lvGt0=\n"
        + "— arche2025h1.staging.ct.transparency.dev "
        + "ui8GwCF1+kWqZrxGdhj4aX3gcw7XUlXQQabg/27lefwhUkzbC3NygNI75MdhL1bfTW9g8Ei59RA23oHP7Ry1k3ZFWwQ=\n"
        + "— transparency.dev/DEV:witness-little-garden "
        + "2AQqhwAAAABqEiEgzgFIqqhbUoDwjMWE6UP8nd8/KYTzwZ2rhIgcqoXHAwVkjZr4AscylP3v7sEodkRAErumC2q44vdgJY096st5BQ=="
        + "\n"
        + "— witness1.smartit.nu/witness1 "
        + "pIyCDwAAAABqEiEghIp82KWebrw7/oHQwlTAm3g2RKS4+eebl8eO0WH+/iEcxZ75W3u5hNI7TOQtmJbqmNWVuE0tgh0XwzdZsDsUAQ=="
        + "\n"
        + "— remora.n621.de "
        + "2net5wAAAABqEiEgPlfF3V06o0Y+fHM+J5J9s27wgxxcOVSpZ/2g/KSiXCg9DEZI+aVCIobWX9sXTynk5XeU/zZ0WBxtqB0DrAWfBw=="
        + "\n"
        + "— witness.stagemole.eu "
        + "Z/euoAAAAABqEiEgw0i+7g2ENfDAWHmtRzCfKTHSDwYDJA2NmKeGi9Y8FtEyOUvVr+AJmIY/2TUFucgKi7lI7cUiOvKFYe/TmN9DAg=="
        + "\n";

    [Fact]
    public void SpecExampleKeyParsesAndItsIdIsTheHashOfNameTypeAndKey()
    {
        var key = NoteVerifierKey.TryParse(ExampleKey)!;
        Assert.Equal("example.com/foo", key.Name);
        Assert.Equal(NoteSignatureType.Ed25519, key.Type);
        Assert.Equal(0x530d903au, key.KeyId);
        Assert.Equal(0x530d903au, NoteVerifierKey.KeyIdOf(key.Name, key.Type, key.PublicKey));
        Assert.Equal(ExampleKey, key.Text);
    }

    [Fact]
    public void SpecExampleNoteVerifies()
    {
        var note = SignedNote.TryParse(ExampleNote)!;
        Assert.Equal("This is an example message.\n", note.Text);
        var (check, verified) = note.Verify([NoteVerifierKey.TryParse(ExampleKey)!]);
        Assert.Equal(NoteCheck.Verified, check);
        Assert.Single(verified);
        Assert.Equal(ExampleNote, note.Format());
    }

    [Fact]
    public void ChangedTextIsABadSignature()
    {
        var note = SignedNote.TryParse(
            ExampleNote.Replace("example message", "exampel message", StringComparison.Ordinal)
        )!;
        Assert.Equal(NoteCheck.BadSignature, note.Verify([NoteVerifierKey.TryParse(ExampleKey)!]).Check);
    }

    [Fact]
    public void SigningWithTheGoExampleKeyReproducesThePublishedNote()
    {
        // The signer key is base64(0x01 ‖ 32-byte seed); Ed25519 is deterministic, so the signature must match exactly.
        var material = Convert.FromBase64String(PeterSigner.Split('+', 5)[4]);
        Assert.Equal(NoteSignatureType.Ed25519, material[0]);
        using var key = Ed25519Key.FromSeed(material[1..]);
        var signer = new NoteSigner("PeterNeumann", key);

        Assert.Equal(PeterKey, signer.VerifierKey.Text);
        Assert.Equal(PeterSignature, signer.Sign(PeterText).Line);
        var note = SignedNote.TryParse(PeterText + "\n" + PeterSignature)!;
        Assert.Equal(NoteCheck.Verified, note.Verify([NoteVerifierKey.TryParse(PeterKey)!]).Check);
    }

    [Fact]
    public void RealCosignedCheckpointVerifiesForTheLogAndTheWitness()
    {
        var note = SignedNote.TryParse(ArcheCheckpoint)!;
        var checkpoint = Checkpoint.TryParse(note.Text)!;
        Assert.Equal(1432088532, checkpoint.Size);
        Assert.Equal("arche2025h1.staging.ct.transparency.dev", checkpoint.Origin);

        var remora = NoteVerifierKey.TryParse(RemoraKey)!;
        Assert.Equal(NoteSignatureType.CosignatureV1, remora.Type);
        var (check, verified) = note.Verify([NoteVerifierKey.TryParse(ArcheLogKey)!, remora]);
        Assert.Equal(NoteCheck.Verified, check);
        Assert.Equal(2, verified.Count);

        var cosignature = note.Signatures.Single(remora.Claims);
        Assert.Equal(8 + 64, cosignature.Signature.Length);
        Assert.True(CosignatureV1.TimestampOf(cosignature) > 1_700_000_000);
    }

    [Fact]
    public void ACosignatureOverAnotherSizeDoesNotVerify()
    {
        var note = SignedNote.TryParse(ArcheCheckpoint.Replace("1432088532", "1432088533", StringComparison.Ordinal))!;
        Assert.Equal(NoteCheck.BadSignature, note.Verify([NoteVerifierKey.TryParse(RemoraKey)!]).Check);
    }

    [Fact]
    public void OwnCosignatureRoundTripsAndCarriesItsTimestamp()
    {
        using var key = Ed25519Key.Generate();
        var checkpoint = Checkpoint.Create("example.com/log", 5, new byte[32]);
        var line = CosignatureV1.Sign("witness.example/w1", key, 1679315147, checkpoint.Text);
        var vkey = NoteVerifierKey.Create("witness.example/w1", NoteSignatureType.CosignatureV1, key.PublicKey);

        Assert.Equal(1679315147ul, CosignatureV1.TimestampOf(line));
        Assert.True(vkey.Verify(checkpoint.Text, NoteSignature.TryParse(line.Line.TrimEnd('\n'))!));
        // The same key under type 0x01 has another key id, so the line is not claimed by it.
        var asLogKey = NoteVerifierKey.Create("witness.example/w1", NoteSignatureType.Ed25519, key.PublicKey);
        Assert.False(asLogKey.Claims(line));
    }

    [Fact]
    public void UnknownKeysAreIgnoredAndNoKnownSignatureIsNotSigned()
    {
        var note = SignedNote.TryParse(ExampleNote)!;
        Assert.Equal(NoteCheck.NotSigned, note.Verify([NoteVerifierKey.TryParse(PeterKey)!]).Check);
    }

    [Theory]
    [InlineData("no blank line\n— example.com/foo AAAAAAAA\n")]
    [InlineData("text\n\n— example.com/foo not base64!\n")]
    [InlineData("text\n\n- example.com/foo Uw2QOkn8\n")]
    [InlineData("text\n\n— example.com/foo Uw2QOkn8")]
    [InlineData("te\txt\n\n— example.com/foo Uw2QOkn8\n")]
    public void MalformedNotesDoNotParse(string note) => Assert.Null(SignedNote.TryParse(note));

    [Theory]
    [InlineData("example.com/foo+530d903b+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k")]
    [InlineData("example.com/fo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k")]
    [InlineData("example.com/foo+530D903A+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k")]
    [InlineData("example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U")]
    [InlineData("example com+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k")]
    public void TamperedVerifierKeysDoNotParse(string vkey) => Assert.Null(NoteVerifierKey.TryParse(vkey));
}
