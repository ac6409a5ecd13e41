using System.Diagnostics;
using GluonStyleText.Models;
using GluonStyleText.Tests.Training;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace GluonStyleText.Tests.Models;

[Collection(SerialTorchCollection.Name)]
public sealed class ZzSpeed(ITestOutputHelper output)
{
    [Fact]
    public void Speed()
    {
        var o = ToyData.Options(true);
        o.EmbeddingSize = 100; o.KernelSizes = [1, 2, 3]; o.Filters = 200; o.VocabularySize = 50000; o.SequenceLength = 500; o.BigramBuckets = 262144; o.Threads = 0;
        o.Dropout = 0.5;
        foreach (var kind in new[] { "old", "new", "old", "new" })
        {
            nn.Module<Tensor, Tensor> m = kind == "old" ? new TextCnnOld(TextCnnHyperparameters.From(o)) : new TextCnn(TextCnnHyperparameters.From(o));
            m.train();
            using var opt = GluonStyleText.Training.TrainingOptimizer.Create("adam", m, 0.001, 0);
            var sw = new Stopwatch();
            var fw = new Stopwatch();
            for (int step = 0; step < 22; step++)
            {
                if (step == 2) { sw.Restart(); fw.Reset(); }
                using var scope = NewDisposeScope();
                var ids = randint(1, 50000, [64, 296]);
                opt.ZeroGrad();
                fw.Start();
                var logits = m.call(ids);
                fw.Stop();
                nn.functional.cross_entropy(logits, randint(0, 2, [64])).backward();
                opt.Step(0);
            }
            output.WriteLine($"{kind}: {sw.Elapsed.TotalMilliseconds / 20:F1} ms/step, forward {fw.Elapsed.TotalMilliseconds / 20:F1} ms");
            m.Dispose();
        }
    }
}
