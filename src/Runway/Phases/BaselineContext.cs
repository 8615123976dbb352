using Runway.Service;
using Serilog;

namespace Runway.Phases;

/// <summary>What a <see cref="BaselinePool"/> uses: the pieces the canary phase already has.</summary>
/// <param name="Settings">The canary's weight and the baseline choice.</param>
/// <param name="Environment">The environment, changed under the run's lock.</param>
/// <param name="Session">The run's session (the lock, checked before the local runtime is asked directly).</param>
/// <param name="Service">How to reach the service (the warm-up).</param>
/// <param name="Time">The clock.</param>
/// <param name="Logger">The run's log.</param>
public sealed record BaselineContext(PipelineSettings Settings, LockedEnvironment Environment, DeploymentSession Session, ServiceAccess Service, TimeProvider Time, ILogger Logger);

