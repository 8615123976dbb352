using Runway.GitHub.Workflows;
using Shouldly;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Runway.Tests.GitHub.Workflows;

public sealed class YamlEmitterTests
{
    [Theory]
    [InlineData("on")]
    [InlineData("No")]
    [InlineData("1.0")]
    [InlineData("-x")]
    [InlineData("a: b")]
    [InlineData("#comment")]
    [InlineData("trailing ")]
    [InlineData("line\nbreak")]
    [InlineData("quote ' and \" both")]
    [InlineData("${{ inputs.version }}")]
    [InlineData("")]
    public void Emit_AnyString_ReadsBackAsTheSameString(string value)
    {
        var yaml = YamlEmitter.Emit(new YamlMapping().Add("key", value).Add("list", new List<object> { value }));

        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents.Single().RootNode;
        var scalar = (YamlScalarNode)root["key"];
        scalar.Value.ShouldBe(value);
        (scalar.Style != YamlDotNet.Core.ScalarStyle.Plain || !IsYaml11Special(value)).ShouldBeTrue();
        ((YamlScalarNode)((YamlSequenceNode)root["list"]).Single()).Value.ShouldBe(value);
    }

    [Fact]
    public void Emit_NestedMappingsInSequence_IndentsUnderTheDash() =>
        YamlEmitter.Emit(new YamlMapping().Add("steps", new List<object> { new YamlMapping().Add("uses", "a@v1").Add("with", new YamlMapping().Add("n", 0)) }))
            .ShouldBe("steps:\n  - uses: a@v1\n    with:\n      n: 0\n");

    private static bool IsYaml11Special(string value) => value is "on" or "No" or "1.0";
}
