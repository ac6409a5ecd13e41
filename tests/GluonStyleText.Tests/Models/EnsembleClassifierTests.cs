using GluonStyleText.Models;
using GluonStyleText.Tests.Training;
using static TorchSharp.torch;

namespace GluonStyleText.Tests.Models;

[Collection(SerialTorchCollection.Name)]
public sealed class EnsembleClassifierTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ItsSoftmaxIsTheMeanOfItsMembersProbabilitiesEachFromItsOwnSeed(bool cnn)
    {
        using var scope = NewDisposeScope();
        var options = ToyData.Options(cnn);
        options.EnsembleSize = 3;
        using var ensemble = TextClassifierModelFactory.Create(options);
        var members = Enumerable.Range(0, 3).Select(member => TextClassifierModelFactory.Create(TextClassifierModelFactory.EnsembleMember(options, member))).ToList();
        ensemble.eval();
        members.ForEach(member => member.eval());
        var ids = tensor(new long[] { 2, 3, 4, 0, 5, 6, 0, 0 }, [2, 4]);

        using (no_grad())
        {
            var mean = stack(members.Select(member => nn.functional.softmax(member.call(ids), 1)).ToArray()).mean([0]);
            var fromEnsemble = nn.functional.softmax(ensemble.call(ids), 1);

            Assert.True(fromEnsemble.allclose(mean, rtol: 1e-5, atol: 1e-6));
            Assert.False(members[0].call(ids).allclose(members[1].call(ids)));
        }

        Assert.IsType<EnsembleClassifier>(ensemble);
        Assert.Equal(3 * members[0].parameters().Count(), ensemble.parameters().Count());
        members.ForEach(member => member.Dispose());
    }
}
