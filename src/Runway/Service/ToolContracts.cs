using Runway.Checklists.Checks;
using Runway.Processes;

namespace Runway.Service;

/// <summary>The contract's tools as the <c>tool-versions</c> check asks for them.</summary>
public static class ToolContracts
{
    /// <summary>One requirement per tool the contract lists.</summary>
    public static IReadOnlyList<ToolRequirement> Requirements(ServiceContract contract) =>
        contract.Tools.Select(tool => new ToolRequirement(
            tool.Name,
            new ProcessSpec(tool.Command[0], tool.Command.Skip(1).ToArray()),
            Version.Parse(ServiceContractValidation.Dotted(tool.Minimum)),
            tool.Below is null ? null : Version.Parse(ServiceContractValidation.Dotted(tool.Below)))).ToList();
}
