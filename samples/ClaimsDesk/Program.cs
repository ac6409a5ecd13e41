using GluonStyleText.Samples.ClaimsDesk.Hosting;

// The claims desk: pages for a claims clerk and a JSON API, on the library's public API (see README "The claims desk").
var app = DeskApp.Build(args);
app.Run();
