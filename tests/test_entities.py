import pytest

from summarizer.entities import extract_entities, mentions, person_name


@pytest.mark.parametrize(
    "sentence, expected, absent",
    [
        (
            "Mengonfirmasi informasi intelijen dari Ukraina, Sekretaris Jenderal NATO Mark Rutte mengatakan",
            ["Ukraina", "NATO", "Mark Rutte"],
            ["Sekretaris Jenderal NATO Mark Rutte", "Mengonfirmasi"],
        ),
        (
            "Kementerian Pertahanan Rusia mengatakan Ukraina memulai serangan balik",
            ["Kementerian Pertahanan Rusia", "Ukraina"],
            ["Rusia"],
        ),
        (
            "Duta Besar AS untuk PBB Robert Wood juga mengatakan kepada Dewan Keamanan",
            ["AS", "PBB", "Robert Wood", "Dewan Keamanan"],
            ["Duta Besar AS"],
        ),
        (
            "Namun Korea Utara dengan tegas menolak klaim badan intelijen Ukraina dan Korea Selatan.",
            ["Korea Utara", "Ukraina", "Korea Selatan"],
            ["Namun", "Namun Korea Utara"],
        ),
        (
            "Presiden Ukraina Volodymyr Zelensky, mengutip laporan intelijen, mengklaim pada Jumat lalu",
            ["Ukraina", "Volodymyr Zelensky"],
            ["Presiden", "Jumat"],
        ),
        ("Pasukan Putin telah merebut kembali setengah wilayah Kursk", ["Putin", "Kursk"], ["Pasukan Putin"]),
        ("Perkiraan baru Amerika menunjukkan bahwa Rusia terpaksa", ["Amerika", "Rusia"], ["Perkiraan"]),
        ("Rutte mengatakan NATO secara aktif berkonsultasi", ["Rutte", "NATO"], []),
    ],
)
def test_extract_entities(sentence, expected, absent):
    found = extract_entities(sentence)
    for name in expected:
        assert name in found
    for name in absent:
        assert name not in found


@pytest.mark.parametrize(
    "phrase, name",
    [
        ("Jenderal Kirilo Budanov", "Kirilo Budanov"),
        ("kepala badan intelijen militer Ukraina Kyrilo Budanov", "Kyrilo Budanov"),
        ("Menteri Luar Negeri Antony Blinken", "Antony Blinken"),
        ("Menteri Pertahanan Jerman Boris Pistorius", "Boris Pistorius"),
        ("Juru bicara Sabrina Singh", "Sabrina Singh"),
        ("Kementerian Pertahanan Rusia", None),
        ("Amerika Serikat", None),
        ("Pentagon", None),
    ],
)
def test_person_name_strips_titles(phrase, name):
    assert person_name(phrase) == name


def test_mentions():
    assert mentions("Rutte mengatakan langkah tersebut", "Mark Rutte")
    assert mentions("kata MARK RUTTE kemarin", "mark rutte")
    assert mentions("Jenderal Kirilo Budanov mengatakan", "Kyrilo Budanov")
    assert mentions("Sekretaris Jenderal NATO Mark Rutte", "Rutte")
    assert not mentions("Rutter datang", "Mark Rutte")
    assert not mentions("Provinsi Sumatera Utara", "Korea Utara")
    assert mentions("pasukan Korea Utara tiba", "korea utara")
