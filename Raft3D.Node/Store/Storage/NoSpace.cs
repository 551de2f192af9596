namespace Raft3D.Node.Store.Storage;

/// <summary>Tells an I/O error that means "the file system is full" from the others, wherever it is wrapped.</summary>
public static class NoSpace
{
    // .NET puts the errno of a failed Unix call in HResult: ENOSPC is 28 on Linux and macOS. On Windows:
    // ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL.
    private const int Enospc = 28;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    /// <summary>True if <paramref name="error"/>, or an exception it wraps (DotNext wraps its log's), is a full file system.</summary>
    public static bool IsCause(Exception error)
    {
        for (var inner = error; inner is not null; inner = inner.InnerException)
        {
            if (inner is IOException { HResult: Enospc or WindowsDiskFull or WindowsHandleDiskFull })
            {
                return true;
            }
        }

        return false;
    }
}
