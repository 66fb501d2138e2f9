using System.Text.Json;
using SmartChain.Domain.Transactions;

namespace SmartChain.Tests.Domain.Transactions;

/// <summary>The one shape check of request bodies and block entries, with each side's wording.</summary>
public sealed class ExactFieldsTests
{
    [Theory]
    [InlineData("{\"a\":1,\"b\":2}", null)]
    [InlineData("[1]", "the body must be a JSON object")]
    [InlineData("{\"a\":1,\"b\":2,\"c\":3}", "unknown field 'c'; expected only a, b")]
    [InlineData("{\"b\":2}", "missing field(s): a")]
    [InlineData("{}", "missing field(s): a, b")]
    public void Request_wording(string json, string? expected) => Assert.Equal(expected, Check(json, FieldsOf.Request));

    [Theory]
    [InlineData("{\"a\":1,\"b\":2}", null)]
    [InlineData("\"x\"", "entry must be an object")]
    [InlineData("{\"a\":1,\"b\":2,\"c\":3}", "unexpected field 'c'")]
    [InlineData("{\"b\":2}", "entry must have the fields a, b")]
    public void Entry_wording(string json, string? expected) => Assert.Equal(expected, Check(json, FieldsOf.Entry));

    [Fact]
    public void A_repeated_member_does_not_stand_in_for_a_missing_one() =>
        Assert.Equal("entry must have the fields a, b", Check("{\"a\":1,\"a\":2}", FieldsOf.Entry));

    private static string? Check(string json, FieldsOf of)
    {
        using var document = JsonDocument.Parse(json);
        return ExactFields.Check(document.RootElement, of, "a", "b");
    }
}
