namespace Monitor.Cli;

/// <summary>Turns the errors a user can cause (bad path, bad file content) into one clear line and exit code 2.</summary>
internal static class CommandErrors
{
    public static int Run(Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or FormatException or InvalidDataException or ArgumentException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }
}
