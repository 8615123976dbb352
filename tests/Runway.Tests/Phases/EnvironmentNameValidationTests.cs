using Runway.Phases;
using Shouldly;
using Xunit;

namespace Runway.Tests.Phases;

/// <summary>
/// The environment's name becomes folders (<c>.nuke/temp/environments/&lt;name&gt;</c>), a database name and the ledger's
/// key: one that is empty or climbs out of its folder is refused before anything starts. "../escape" had deployed into
/// <c>.nuke/temp/escape</c>, and "" had recorded a deployment "to " and created a database "sample_".
/// </summary>
public sealed class EnvironmentNameValidationTests
{
    private static readonly PipelineSettings Valid = new() { RootDirectory = "/repo", TemporaryDirectory = "/repo/.nuke/temp", Environment = "local", Release = "1.0.0", StartedBy = "test" };

    [Theory]
    [InlineData("")]
    [InlineData("../escape")]
    [InlineData("prod/eu")]
    [InlineData("..")]
    [InlineData("prod eu")]
    public void Problems_ANameThatIsNotAFolderName_NamesTheValueItsSourceAndTheForm(string name)
    {
        var problems = SettingsValidation.Problems(Valid with { Environment = name }, member => $"{member} from the test");

        problems.ShouldBe([$"--environment is '{name}' (from Environment from the test); it must be a name of letters, digits, '-', '_' or '.', " +
                           "starting with a letter or digit, at most 63 characters (e.g. production)."]);
    }

    [Theory]
    [InlineData("local")]
    [InlineData("production")]
    [InlineData("prod-eu_2")]
    [InlineData("Staging.EU")]
    public void Problems_AFolderName_None(string name) =>
        SettingsValidation.Problems(Valid with { Environment = name }, member => member).ShouldBeEmpty();
}
