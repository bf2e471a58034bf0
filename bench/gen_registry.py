"""Registry CSVs for bench/registry.sh: PEOPLE people spread over the demo's 1,731 villages
(C001-V01 … C099-V18), and one member post each in their village's Party cell (CELL-<village>),
the rows an officer would import. Deterministic."""
import sys

people, out_dir = int(sys.argv[1]), sys.argv[2]
villages = []
for c in range(99):
    n = 1731 // 99 + (1 if c < 1731 % 99 else 0)
    villages += [f"C{c + 1:03d}-V{v + 1:02d}" for v in range(n)]
family = ["Lo", "Ha", "Vi", "Hoang", "Nong", "Luong", "Sung", "Giang"]
given = ["Minh", "Thao", "Lan", "Hung", "Mai", "Tuan", "Hoa", "Dung", "Xuan"]
with open(f"{out_dir}/people.csv", "w") as f, open(f"{out_dir}/positions.csv", "w") as g:
    f.write("code,name,sex,birth_year,ethnic_group,unit,phone,party_member,prestigious\n")
    g.write("person,title,organization,from\n")
    for i in range(people):
        v = villages[i % len(villages)]
        code = f"BP-{i:07d}"
        name = f"{family[i % 8]} {'Thi' if i % 2 else 'Van'} {given[(i // 8) % 9]}"
        f.write(f"{code},{name},{'female' if i % 2 else 'male'},{1950 + i % 55},Tay,{v},"
                f"+8498{i:07d},{i % 3 == 0 and 1 or 0},{i % 50 == 0 and 1 or 0}\n")
        g.write(f"{code},member,CELL-{v},2025-07-01\n")
