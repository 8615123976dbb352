namespace Runway.Service.Metrics;

/// <summary>Makes a fresh metric source of the profile's kind for the named environment (each bake gets its own).</summary>
public delegate MetricSource MetricSourceFactory(string environment);
