using Xunit;
using Xunit.Abstractions;

namespace Runway.Tests.Checklists;

public sealed class ScratchDump(ITestOutputHelper output)
{
    [Fact]
    public void Dump()
    {
        foreach (var c in new[] { ChecklistFiles.Deployment, ChecklistFiles.Readiness })
            foreach (var s in c.Sections)
            {
                output.WriteLine($"## {s.Title} ({s.Items.Count})");
                foreach (var i in s.Items) output.WriteLine($"  {i.Line} {i.Id} [{i.Owner}] {i.Text}");
            }
    }
}
