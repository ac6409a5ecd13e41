using GluonStyleText.Options;
using GluonStyleText.Text;

namespace GluonStyleText.Tests.Text;

public sealed class TextTransformerOptionsTests
{
    [Fact]
    public void DefaultsAreTheSeedsWhereSound()
    {
        var options = new TextTransformerOptions();

        Assert.Equal(500, options.SequenceLength);
        Assert.Equal(5000, options.VocabularySize);
        Assert.Equal(1, options.MinCount);
        Assert.True(options.MapUnknownWords);
        Assert.False(options.AsciiOnly);
        Assert.True(options.Lowercase);
        Assert.True(options.SplitCjkCharacters);
        options.Validate();
    }

    [Theory]
    [InlineData(nameof(TextTransformerOptions.SequenceLength), 0)]
    [InlineData(nameof(TextTransformerOptions.SequenceLength), 100_001)]
    [InlineData(nameof(TextTransformerOptions.VocabularySize), 2)]
    [InlineData(nameof(TextTransformerOptions.MinCount), 0)]
    public void ValidateNamesTheFieldOutOfRange(string field, int value)
    {
        var options = new TextTransformerOptions();
        typeof(TextTransformerOptions).GetProperty(field)!.SetValue(options, value);

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(field, error.ParamName);
        Assert.Contains($"TextTransformerOptions.{field} must be between", error.Message);
    }

    [Fact]
    public void FromTakesTheTextSettingsOfAClassifierConfiguration()
    {
        var classifier = new TextClassifierOptions { SequenceLength = 80, VocabularySize = 300, MinCount = 3, MapUnknownWords = false };

        var options = TextTransformerOptions.From(classifier);

        Assert.Equal(80, options.SequenceLength);
        Assert.Equal(300, options.VocabularySize);
        Assert.Equal(3, options.MinCount);
        Assert.False(options.MapUnknownWords);
        Assert.False(options.AsciiOnly);
        Assert.True(options.Lowercase);
    }

    [Fact]
    public void CloneIsIndependent()
    {
        var options = new TextTransformerOptions { SequenceLength = 7 };

        var copy = options.Clone();
        options.SequenceLength = 9;

        Assert.Equal(7, copy.SequenceLength);
    }
}
