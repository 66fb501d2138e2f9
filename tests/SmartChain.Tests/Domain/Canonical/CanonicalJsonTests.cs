using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartChain.Domain.Canonical;

namespace SmartChain.Tests.Domain.Canonical;

public class CanonicalJsonTests
{
    // The RFC 8785 author's reference test data: testdata/input/*.json, testdata/output/*.json and
    // testdata/outhex/*.txt of https://github.com/cyberphone/json-canonicalization, copied verbatim
    // (only re-escaped as C# literals).
    public static TheoryData<string, string, string, string> CyberphoneVectors =>
        new()
        {
            {
                "arrays",
                "[\n  56,\n  {\n    \"d\": true,\n    \"10\": null,\n    \"1\": [ ]\n  }\n]\n",
                "[56,{\"1\":[],\"10\":null,\"d\":true}]",
                "5b35362c7b2231223a5b5d2c223130223a6e756c6c2c2264223a747275657d5d"
            },
            {
                "french",
                "{\n  \"peach\": \"This sorting order\",\n  \"p\u00e9ch\u00e9\": \"is wrong according to French\",\n  "
                    + "\"p\u00eache\": \"but canonicalization MUST\",\n  \"sin\":   \"ignore locale\"\n}\n",
                "{\"peach\":\"This sorting order\",\"p\u00e9ch\u00e9\":\"is wrong according to "
                    + "French\",\"p\u00eache\":\"but canonicalization MUST\",\"sin\":\"ignore locale\"}",
                "7b227065616368223a225468697320736f7274696e67206f72646572222c2270c3a96368c3a9223a2269732077726f6e"
                    + "67206163636f7264696e6720746f204672656e6368222c2270c3aa636865223a226275742063616e6f6e6963616c697a"
                    + "6174696f6e204d555354222c2273696e223a2269676e6f7265206c6f63616c65227d"
            },
            {
                "structures",
                "{\n  \"1\": {\"f\": {\"f\": \"hi\",\"F\": 5} ,\"\\n\": 56.0},\n  \"10\": { },\n  \"\": \"empty\",\n  "
                    + "\"a\": { },\n  \"111\": [ {\"e\": \"yes\",\"E\": \"no\" } ],\n  \"A\": { }\n}",
                "{\"\":\"empty\",\"1\":{\"\\n\":56,\"f\":{\"F\":5,\"f\":\"hi\"}},\"10\":{},\"111\":[{\"E\":\"no\",\"e\""
                    + ":\"yes\"}],\"A\":{},\"a\":{}}",
                "7b22223a22656d707479222c2231223a7b225c6e223a35362c2266223a7b2246223a352c2266223a226869227d7d2c22"
                    + "3130223a7b7d2c22313131223a5b7b2245223a226e6f222c2265223a22796573227d5d2c2241223a7b7d2c2261223a7b"
                    + "7d7d"
            },
            {
                "unicode",
                "{\n  \"Unnormalized Unicode\":\"A\\u030a\"\n}\n",
                "{\"Unnormalized Unicode\":\"A\u030a\"}",
                "7b22556e6e6f726d616c697a656420556e69636f6465223a2241cc8a227d"
            },
            {
                "values",
                "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n  "
                    + "\"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n  \"literals\": "
                    + "[null, true, false]\n}",
                "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\""
                    + "\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}",
                "7b226c69746572616c73223a5b6e756c6c2c747275652c66616c73655d2c226e756d62657273223a5b33333333333333"
                    + "33332e333333333333332c31652b33302c342e352c302e3030322c31652d32375d2c22737472696e67223a22e282ac24"
                    + "5c75303030665c6e4127425c225c5c5c5c5c222f227d"
            },
            {
                "weird",
                "{\n  \"\\u20ac\": \"Euro Sign\",\n  \"\\r\": \"Carriage Return\",\n  \"\\u000a\": \"Newline\",\n  "
                    + "\"1\": \"One\",\n  \"\\u0080\": \"Control\\u007f\",\n  \"\\ud83d\\ude02\": \"Smiley\",\n  "
                    + "\"\\u00f6\": \"Latin Small Letter O With Diaeresis\",\n  \"\\ufb33\": \"Hebrew Letter Dalet "
                    + "With Dagesh\",\n  \"</script>\": \"Browser Challenge\"\n}\n",
                "{\"\\n\":\"Newline\",\"\\r\":\"Carriage Return\",\"1\":\"One\",\"</script>\":\"Browser "
                    + "Challenge\",\"\u0080\":\"Control\u007f\",\"\u00f6\":\"Latin Small Letter O With "
                    + "Diaeresis\",\"\u20ac\":\"Euro Sign\",\"\U0001f602\":\"Smiley\",\"\ufb33\":\"Hebrew Letter "
                    + "Dalet With Dagesh\"}",
                "7b225c6e223a224e65776c696e65222c225c72223a2243617272696167652052657475726e222c2231223a224f6e6522"
                    + "2c223c2f7363726970743e223a2242726f77736572204368616c6c656e6765222c22c280223a22436f6e74726f6c7f22"
                    + "2c22c3b6223a224c6174696e20536d616c6c204c6574746572204f205769746820446961657265736973222c22e282ac"
                    + "223a224575726f205369676e222c22f09f9882223a22536d696c6579222c22efacb3223a22486562726577204c657474"
                    + "65722044616c6574205769746820446167657368227d"
            },
        };

    [Theory]
    [MemberData(nameof(CyberphoneVectors))]
    public void Cyberphone_vector_canonicalizes_from_JsonElement(
        string name,
        string input,
        string expectedText,
        string expectedHex
    )
    {
        _ = name; // Only labels the test case.
        using var document = JsonDocument.Parse(input);

        Assert.Equal(expectedText, CanonicalJson.ToText(document.RootElement));
        Assert.Equal(Convert.FromHexString(expectedHex), CanonicalJson.ToBytes(document.RootElement));

        // Canonical output must be a fixed point of canonicalization.
        using var canonical = JsonDocument.Parse(expectedText);
        Assert.Equal(expectedText, CanonicalJson.ToText(canonical.RootElement));
    }

    [Theory]
    [MemberData(nameof(CyberphoneVectors))]
    public void Cyberphone_vector_canonicalizes_from_JsonNode(
        string name,
        string input,
        string expectedText,
        string expectedHex
    )
    {
        _ = name; // Only labels the test case.
        var node = JsonNode.Parse(input);

        Assert.Equal(expectedText, CanonicalJson.ToText(node));
        Assert.Equal(Convert.FromHexString(expectedHex), CanonicalJson.ToBytes(node));
    }

    // RFC 8785 §3.2.2 input, §3.2.3 canonical output and §3.2.4 UTF-8 bytes.
    private const string RfcSampleInput = """
        {
          "numbers": [333333333.33333329, 1E30, 4.50,
                      2e-3, 0.000000000000000000000000001],
          "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
          "literals": [null, true, false]
        }
        """;

    private const string RfcSampleCanonical =
        "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
        + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";

    private const string RfcSampleHex =
        "7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72"
        + "75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a"
        + "5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31"
        + "65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37"
        + "5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30"
        + "30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d";

    [Fact]
    public void Rfc_section_3_2_sample_matches_published_text_and_bytes()
    {
        using var document = JsonDocument.Parse(RfcSampleInput);

        Assert.Equal(RfcSampleCanonical, CanonicalJson.ToText(document.RootElement));
        Assert.Equal(
            Convert.FromHexString(RfcSampleHex.Replace(" ", "", StringComparison.Ordinal)),
            CanonicalJson.ToBytes(document.RootElement)
        );
        Assert.Equal(RfcSampleCanonical, CanonicalJson.ToText(JsonNode.Parse(RfcSampleInput)));
    }

    [Fact]
    public void Rfc_section_3_2_3_sorting_vector_orders_by_utf16_code_units()
    {
        // RFC 8785 §3.2.3 sorting test data and its expected order.
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;
        string[] expectedOrder =
        [
            "Carriage Return",
            "One",
            "Control",
            "Latin Small Letter O With Diaeresis",
            "Euro Sign",
            "Emoji: Grinning Face",
            "Hebrew Letter Dalet With Dagesh",
        ];

        using var source = JsonDocument.Parse(input);
        using var canonical = JsonDocument.Parse(CanonicalJson.ToBytes(source.RootElement));

        var actualOrder = canonical.RootElement.EnumerateObject().Select(p => p.Value.GetString()).ToArray();
        Assert.Equal(expectedOrder, actualOrder);
    }

    [Fact]
    public void Null_node_is_json_null()
    {
        Assert.Equal("null", CanonicalJson.ToText((JsonNode?)null));
        Assert.Equal("null"u8.ToArray(), CanonicalJson.ToBytes((JsonNode?)null));
    }

    [Fact]
    public void Clr_backed_values_are_canonicalized_like_their_json_text()
    {
        var node = new JsonObject
        {
            ["z"] = 1,
            ["y"] = 2L,
            ["x"] = 4.50m,
            ["w"] = 0.1d,
            ["v"] = true,
            ["u"] = "s",
            ["t"] = null,
            ["s"] = new JsonArray(1.5f, false, -0.0d),
            ["r"] = 1e21,
        };

        Assert.Equal(
            """{"r":1e+21,"s":[1.5,false,0],"t":null,"u":"s","v":true,"w":0.1,"x":4.5,"y":2,"z":1}""",
            CanonicalJson.ToText(node)
        );
    }

    [Fact]
    public void Element_backed_and_clr_backed_nodes_agree()
    {
        const string json = """{"b":[1.0,2.50,"x"],"a":{"d":null,"c":-0}}""";
        using var document = JsonDocument.Parse(json);
        var built = new JsonObject
        {
            ["a"] = new JsonObject { ["c"] = 0, ["d"] = null },
            ["b"] = new JsonArray(1, 2.5, "x"),
        };

        var expected = CanonicalJson.ToText(document.RootElement);
        Assert.Equal("""{"a":{"c":0,"d":null},"b":[1,2.5,"x"]}""", expected);
        Assert.Equal(expected, CanonicalJson.ToText(built));
        Assert.Equal(expected, CanonicalJson.ToText(JsonNode.Parse(json)));
    }

    [Fact]
    public void Control_characters_use_short_escapes_or_lowercase_hex()
    {
        var node = JsonValue.Create("\u0000\u0001\b\t\n\u000b\f\r\u001f \u007f\"\\/");

        Assert.Equal("\"\\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u001f \u007f\\\"\\\\/\"", CanonicalJson.ToText(node));
    }

    [Fact]
    public void Long_strings_with_multibyte_characters_round_trip()
    {
        var text = string.Concat(Enumerable.Repeat("a\u00e9\u20ac\U0001F602\n", 2000));
        var bytes = CanonicalJson.ToBytes(JsonValue.Create(text));

        using var document = JsonDocument.Parse(bytes);
        Assert.Equal(text, document.RootElement.GetString());
        Assert.Equal(Encoding.UTF8.GetByteCount(text) + 2 + 2000, bytes.Length);
    }

    [Fact]
    public void Lone_surrogates_in_clr_strings_are_rejected()
    {
        // Not InlineData: test runners may mangle ill-formed UTF-16 in test case names.
        string[] values = ["\ud800", "a\udc00b", "x\ud83d", "\ude00\ud83d"];
        foreach (var value in values)
        {
            Assert.Throws<ArgumentException>(() => CanonicalJson.ToBytes(JsonValue.Create(value)));
            Assert.Throws<ArgumentException>(() => CanonicalJson.ToBytes(new JsonObject { [value] = 1 }));
        }
    }

    [Theory]
    [InlineData("\"\\udead\"")]
    [InlineData("[\"a\\ud800\"]")]
    [InlineData("{\"\\udead\":1}")]
    public void Lone_surrogates_in_json_text_are_rejected(string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Throws<ArgumentException>(() => CanonicalJson.ToBytes(document.RootElement));
        Assert.Throws<ArgumentException>(() => CanonicalJson.ToText(document.RootElement));
    }

    [Fact]
    public void Duplicate_member_names_are_rejected()
    {
        using var document = JsonDocument.Parse("""{"a":1,"b":{"c":1,"c":2}}""");

        Assert.Throws<ArgumentException>(() => CanonicalJson.ToBytes(document.RootElement));
        Assert.Throws<ArgumentException>(() => CanonicalJson.ToBytes(JsonNode.Parse("""{"a":1,"a":1}""")));
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("[-1e309]")]
    public void Numbers_beyond_double_range_are_rejected(string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Throws<ArgumentException>(() => CanonicalJson.ToBytes(document.RootElement));
    }

    [Fact]
    public void NaN_and_infinity_values_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => CanonicalJson.ToBytes(JsonValue.Create(double.NaN)));
        Assert.Throws<ArgumentException>(() => CanonicalJson.ToBytes(JsonValue.Create(double.PositiveInfinity)));
    }

    [Fact]
    public void Undefined_element_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => CanonicalJson.ToBytes(default(JsonElement)));
    }
}
