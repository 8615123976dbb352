namespace Runway.Targets.Parameters;

/// <summary>The outcome of binding: every parameter, the secret values to mask, and where each value came from.</summary>
/// <param name="Parameters">Every discovered parameter, ordered by command-line name.</param>
/// <param name="SecretValues">
/// The non-empty bound values of <c>[Secret]</c> parameters as text, longest first, for masking in every sink.
/// </param>
/// <param name="Sources">The source of each parameter's value, keyed by <see cref="ParameterDescriptor.MemberName"/>.</param>
/// <param name="Origins">
/// Where exactly each bound value came from, for messages (e.g. <c>--canary-weight on the command line</c>), keyed by
/// <see cref="ParameterDescriptor.MemberName"/>; parameters left at their default are absent.
/// </param>
public sealed record BoundParameters(
    IReadOnlyList<ParameterDescriptor> Parameters,
    IReadOnlyList<string> SecretValues,
    IReadOnlyDictionary<string, ParameterSource> Sources,
    IReadOnlyDictionary<string, string>? Origins = null);
