namespace Runway.Targets;

/// <summary>
/// Marks a parameter as secret: its bound value is masked in every log sink, never shown in an error
/// message and never written as a default into the generated schema.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
