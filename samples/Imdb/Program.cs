namespace GluonStyleText.Samples.Imdb;

internal static class Program
{
    private static int Main() => 0;
}
