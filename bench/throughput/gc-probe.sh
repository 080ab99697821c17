#!/bin/bash
# g.sh <native bin> [args]: 5 s of wrk c=8 1 KiB; prints GC pauses per request, allocation per request, RSS
bin=$1; shift
pkill -f "^$bin"; sleep 0.3; (/tmp/o/proxy.sh $bin -XX:+PrintGC "$@" > /tmp/o/logs/proxy-native.log 2>&1 &); sleep 0.8
r=$(taskset -c 1 wrk -t1 -c8 -d5s http://127.0.0.1:18090/small.bin); n=$(echo "$r" | grep 'requests in' | awk '{print $1}')
pid=$(pgrep -f "^$bin"|head -1); rss=$(grep VmRSS /proc/$pid/status | awk '{print $2/1024}'); pkill -f "^$bin"
python3 - "$n" "$*" "$rss" <<'EOF'
import re,sys
n=int(sys.argv[1]); ms=0; cnt=0; mb=0
for l in open('/tmp/o/logs/proxy-native.log'):
    m=re.search(r'Pause.* ([\d.]+)M->([\d.]+)M ([\d.]+)ms',l)
    if m: cnt+=1; ms+=float(m.group(3)); mb+=float(m.group(1))-float(m.group(2))
print(f"{sys.argv[2]:12s} req={n} gcs={cnt} per_gc={ms/max(cnt,1):.2f}ms gc_us_per_req={1000*ms/n:.1f} alloc_KB_per_req={1024*mb/n:.1f} rss={float(sys.argv[3]):.1f}MiB")
EOF
