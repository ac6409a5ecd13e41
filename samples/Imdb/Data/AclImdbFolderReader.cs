namespace GluonStyleText.Samples.Imdb.Data;

/// <summary>Reads the labelled reviews of an extracted <c>aclImdb</c> folder.</summary>
internal static class AclImdbFolderReader
{
    /// <summary>Reads every <c>*.txt</c> review of <c>{train,test}/{pos,neg}</c> under <paramref name="aclImdbDirectory"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">One of the four labelled folders is missing; the message names it.</exception>
    /// <exception cref="InvalidDataException">A review file is misnamed.</exception>
    public static async Task<ImdbReviewSets> ReadAsync(string aclImdbDirectory, CancellationToken cancellationToken)
    {
        var reviews = new ImdbReviewSets();
        foreach (var (_, _, folder) in AclImdbEntry.LabelledFolders)
        {
            var directory = Path.Combine(aclImdbDirectory, folder);
            if (!Directory.Exists(directory))
            {
                throw new DirectoryNotFoundException(
                    $"IMDB review folder not found: {directory}; an extracted aclImdb folder holds train/pos, train/neg, test/pos and test/neg.");
            }

            foreach (var path in Directory.EnumerateFiles(directory, "*.txt"))
            {
                var entry = AclImdbEntry.FromPath(path)!;
                var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, useAsync: true);
                await using (file.ConfigureAwait(false))
                {
                    reviews.Add(entry, await AclImdbEntry.ReadTextAsync(file, cancellationToken).ConfigureAwait(false));
                }
            }
        }

        return reviews;
    }
}
