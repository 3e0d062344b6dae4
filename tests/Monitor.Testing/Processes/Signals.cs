using System.Runtime.InteropServices;

namespace Monitor.Testing.Processes;

/// <summary>POSIX signals .NET's Process does not send (it only kills with SIGKILL).</summary>
public static class Signals
{
    private const int SigTerm = 15;

    /// <summary>Asks a process to shut down cleanly (SIGTERM).</summary>
    public static void Terminate(int processId)
    {
        if (Kill(processId, SigTerm) != 0)
            throw new InvalidOperationException($"kill -TERM {processId} failed (errno {Marshal.GetLastPInvokeError()})");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
