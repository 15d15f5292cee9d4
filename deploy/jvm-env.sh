# Sourced (not run) by ./tumbler and deploy/spark-submit.sh: what every Tumbler JVM needs in its
# environment and on its command line.
#
# Idle native threads sleep instead of spinning: ND4J's OpenMP pool and OpenBLAS's own pool otherwise
# busy-wait between ops and take the cores from each other (training a d_model 256 model ran 1.45x
# faster on 2 cores with both settings; bench train). Read by the native libraries when they load, so
# they must be in the process environment; values already set win.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-4}"

# The Java 17 module openings Spark, Hadoop, Kryo and ND4J need.
JAVA17_OPENS=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED)
