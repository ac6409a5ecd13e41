using GluonStyleText.Samples.ClaimsDesk.Hosting;

// The claims desk: pages for a claims clerk and a JSON API, on the library's public API (see README "The claims desk").
WebApplication app;
try
{
    app = DeskApp.Build(args);
}
catch (InvalidOperationException e)
{
    // A start-up refusal (an open address without a key, a --model that is not there) is for the administrator to read, not a stack trace.
    Console.Error.WriteLine($"claims desk: {e.Message}");
    return 2;
}

app.Run();
return 0;
