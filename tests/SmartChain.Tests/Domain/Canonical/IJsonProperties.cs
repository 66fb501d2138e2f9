using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using SmartChain.Domain.Canonical;

namespace SmartChain.Tests.Domain.Canonical;

/// <summary>
/// Hostile documents through the one body parser and RFC 8785 (issue 11, finding 4): JSON with lone surrogate
/// escapes, duplicate names at any depth, numbers past a double, stray bytes and cut-off text. The parser refuses with
/// a reason or accepts; whatever it accepts canonicalizes without an exception, and canonicalizing is idempotent.
/// </summary>
public sealed class IJsonProperties
{
    private const int MaxDepth = 32;

    [Fact]
    public void ParseThenCanonicalizeNeverThrowsAndIsIdempotent()
    {
        var property = Prop.ForAll(
            HostileBytes().ToArbitrary(),
            bytes =>
            {
                using var document = IJsonDocument.TryParse(bytes, MaxDepth, out var error);
                if (document is null)
                {
                    return (error is not null).Label($"refused without a reason: {Show(bytes)}");
                }

                var canonical = CanonicalJson.ToBytes(document.RootElement);
                using var again = IJsonDocument.TryParse(canonical, MaxDepth, out var againError);
                return (
                    again is not null && CanonicalJson.ToBytes(again.RootElement).AsSpan().SequenceEqual(canonical)
                ).Label($"{Show(bytes)} → {Encoding.UTF8.GetString(canonical)} ({againError})");
            }
        );
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3_000), property);
    }

    [Fact]
    public void WhatIsRefusedIsExactlyWhatIJsonForbids()
    {
        var property = Prop.ForAll(
            HostileBytes().ToArbitrary(),
            bytes =>
            {
                using var document = IJsonDocument.TryParse(bytes, MaxDepth, out _);
                return (document is not null == Permissive(bytes)).Label(Show(bytes));
            }
        );
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3_000), property);
    }

    [Theory]
    [InlineData("{\"a\":\"\\ud800\"}")]
    [InlineData("{\"\\udfff\":1}")]
    [InlineData("[\"\\udc00\\ud800\"]")]
    [InlineData("{\"a\":1,\"a\":1}")]
    [InlineData("{\"p\":{\"amount\":\"1\",\"\\u0061mount\":\"2\"}}")]
    [InlineData("[{\"x\":[{\"y\":1,\"y\":2}]}]")]
    [InlineData("{\"n\":1e400}")]
    [InlineData("-1e309")]
    public void RefusesWhatRfc8785CannotCanonicalize(string text)
    {
        Assert.Throws<ArgumentException>(() =>
        {
            using var lenient = JsonDocument.Parse(text);
            CanonicalJson.ToBytes(lenient.RootElement);
        });
        Assert.Null(IJsonDocument.TryParse(Encoding.UTF8.GetBytes(text), MaxDepth, out var error));
        Assert.NotNull(error);
    }

    /// <summary>
    /// The reference judgement, written independently: lenient parse, then every name and string unescaped, names
    /// unique per object, numbers finite.
    /// </summary>
    private static bool Permissive(byte[] bytes)
    {
        if (!IsValidUtf8(bytes))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = MaxDepth });
            return Acceptable(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool Acceptable(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var member in element.EnumerateObject())
                {
                    if (!names.Add(member.Name) || !Acceptable(member.Value))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                return element.EnumerateArray().All(Acceptable);
            case JsonValueKind.String:
                _ = element.GetString();
                return true;
            case JsonValueKind.Number:
                return double.IsFinite(element.GetDouble());
            default:
                return true;
        }
    }

    private static bool IsValidUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>Documents built from hostile pieces, then sometimes cut short or given a stray byte.</summary>
    private static Gen<byte[]> HostileBytes()
    {
        var text = Value(3).Select(Encoding.UTF8.GetBytes);
        var stray =
            from bytes in text
            from at in Gen.Choose(0, bytes.Length)
            from b in Gen.Elements<byte>(0xFF, 0xC0, 0xED, 0x80, 0xF4, (byte)'"', (byte)'\\', 0x00)
            select bytes[..at].Append(b).Concat(bytes[at..]).ToArray();
        var cut = from bytes in text from at in Gen.Choose(0, bytes.Length) select bytes[..at];
        return Gen.Frequency((6, text), (2, stray), (1, cut));
    }

    private static Gen<string> Value(int depth)
    {
        var strings = Gen.Elements(
            "\"a\"",
            "\"\"",
            "\"\\ud800\"",
            "\"x\\udc00\"",
            "\"\\ud83d\\ude00\"",
            "\"\\u0000\"",
            "\"é😀\"",
            "\"\\\"\"",
            "\"\\ud800\\u0041\""
        );
        var numbers = Gen.Elements(
            "0",
            "-0",
            "1",
            "-1.5",
            "1e2",
            "1E+2",
            "2.5e-3",
            "1e308",
            "1e309",
            "-1e400",
            "123456789012345678901234567890",
            "1e-400",
            "0.1"
        );
        var literals = Gen.Elements("true", "false", "null");
        var scalar = Gen.OneOf(strings, numbers, literals);
        if (depth == 0)
        {
            return scalar;
        }

        var name = Gen.Elements("\"a\"", "\"b\"", "\"\\u0061\"", "\"amount\"", "\"\\ud800\"", "\"\"", "\"\\udfff\"");
        var member = from n in name from v in Value(depth - 1) select $"{n}:{v}";
        var obj = Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(member, n)).Select(m => "{" + string.Join(",", m) + "}");
        var array = Gen.Choose(0, 4)
            .SelectMany(n => Gen.ArrayOf(Value(depth - 1), n))
            .Select(v => "[" + string.Join(",", v) + "]");
        return Gen.Frequency((3, scalar), (2, obj), (2, array));
    }

    private static string Show(byte[] bytes) => Convert.ToHexString(bytes) + " " + Encoding.UTF8.GetString(bytes);
}
