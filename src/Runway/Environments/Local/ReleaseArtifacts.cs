using System.Text.Json.Nodes;

namespace Runway.Environments.Local;

/// <summary>Adds a release's artifact (sources hash and digest) to a step's evidence, where the environment knows it.</summary>
public static class ReleaseArtifacts
{
    /// <summary>Sets <c>artifact</c> in <paramref name="evidence"/> when <paramref name="environment"/> published <paramref name="release"/>.</summary>
    public static void AddTo(JsonObject evidence, IEnvironmentProvider environment, string release)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (environment is LocalEnvironment local && local.Artifact(release) is { } manifest)
            evidence["artifact"] = manifest.ToEvidence();
    }
}
