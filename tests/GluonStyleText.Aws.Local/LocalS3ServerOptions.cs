namespace GluonStyleText.Aws.Local;

/// <summary>How <see cref="LocalS3Server"/> starts the local S3 server (<c>infra/local-s3/server.js</c>).</summary>
public sealed class LocalS3ServerOptions
{
    /// <summary>
    /// Path of <c>server.js</c>. When null, the folders above <see cref="AppContext.BaseDirectory"/>
    /// are searched for <c>infra/local-s3/server.js</c>, which finds it from any build output of
    /// the repository.
    /// </summary>
    public string? ServerScriptPath { get; set; }

    /// <summary>The Node.js executable, a name on PATH or a full path. Default <c>node</c>.</summary>
    public string NodeExecutable { get; set; } = "node";

    /// <summary>TCP port on 127.0.0.1; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>
    /// Folder holding the server's buckets. When null (the default) a new temporary folder is
    /// used and deleted when the server is disposed.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>Buckets created before the server reports ready.</summary>
    public IList<string> Buckets { get; } = new List<string>();

    /// <summary>Region written into events and used to sign requests. Default <c>us-east-1</c>.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>How long to wait for the server to report ready. Default 30 seconds.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
