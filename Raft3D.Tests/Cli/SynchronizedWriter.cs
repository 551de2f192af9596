namespace Raft3D.Tests.Cli;

/// <summary>A StringWriter that a running command writes to while the test reads it: for jobs watch, which runs until stopped.</summary>
internal sealed class SynchronizedWriter : StringWriter
{
    private readonly Lock gate = new();

    public string Text
    {
        get
        {
            lock (gate)
            {
                return ToString();
            }
        }
    }

    public override void Write(char value)
    {
        lock (gate)
        {
            base.Write(value);
        }
    }

    public override void Write(string? value)
    {
        lock (gate)
        {
            base.Write(value);
        }
    }

    public override void WriteLine(string? value)
    {
        lock (gate)
        {
            base.WriteLine(value);
        }
    }
}
