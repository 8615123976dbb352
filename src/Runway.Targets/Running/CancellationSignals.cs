using System.Runtime.InteropServices;

namespace Runway.Targets.Running;

/// <summary>
/// Turns the first Ctrl+C or SIGTERM into a cancelled token, so targets can stop cleanly (a deployment returns its
/// traffic before exiting). A second signal exits at once, without clean-up: the person or CI asked twice.
/// </summary>
internal sealed class CancellationSignals : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration _terminate;
    private int _signals;

    public CancellationSignals()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true; // let the running target observe the token and the summary print
            OnSignal("SIGTERM", 143);
        });
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _terminate.Dispose();
        _source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        OnSignal("SIGINT", 130);
    }

    private void OnSignal(string signal, int exitCode)
    {
        if (Interlocked.Increment(ref _signals) > 1)
        {
            Console.Error.WriteLine($"{signal} again: exiting now, without clean-up.");
            Environment.Exit(exitCode);
        }
        Console.Error.WriteLine($"{signal}: stopping the current target and cleaning up (send it again to exit at once).");
        // Off the signal's thread: the token's callbacks start the clean-up, and the next signal must still get through.
        _ = Task.Run(_source.Cancel);
    }
}
