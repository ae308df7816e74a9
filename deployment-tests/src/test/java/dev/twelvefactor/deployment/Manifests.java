package dev.twelvefactor.deployment;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.lang.reflect.Modifier;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An overlay rendered by kustomize and read into fabric8's typed Kubernetes API classes.
 * Reading is strict: a kind the model does not know, a value of the wrong type, and any
 * field the API does not have (fabric8 keeps those quietly in
 * {@code additionalProperties}) are errors, collected by {@link #schemaErrors()}.
 */
final class Manifests {

	/** A pod template and what runs it. */
	record Workload(String kind, String name, PodTemplateSpec template) {

		String podName() {
			return template.getMetadata().getLabels().get("app.kubernetes.io/name");
		}

		Map<String, String> podLabels() {
			return template.getMetadata().getLabels();
		}

		List<Container> containers() {
			return template.getSpec().getContainers();
		}

		boolean longRunning() {
			return kind.equals("Deployment") || kind.equals("StatefulSet");
		}

		/** The pod's volume that a container mounts. */
		Volume volumeOf(VolumeMount mount) {
			return template.getSpec()
				.getVolumes()
				.stream()
				.filter(v -> v.getName().equals(mount.getName()))
				.findFirst()
				.orElseThrow(() -> new AssertionError(name + ": no volume " + mount.getName()));
		}
	}

	private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	private static final ObjectMapper JSON = new ObjectMapper();

	final String directory;

	final List<Map<String, Object>> documents;

	final List<Object> objects = new ArrayList<>();

	private final List<String> schemaErrors = new ArrayList<>();

	private Manifests(String directory) {
		this.directory = directory;
		this.documents = Repository.yamlDocuments(Repository.kustomize(directory));
		for (Map<String, Object> document : documents) {
			String id = document.get("kind") + "/" + nameOf(document);
			Object object;
			try {
				object = SERIALIZATION.unmarshal(JSON.writeValueAsString(document));
			}
			catch (Exception e) {
				schemaErrors.add(id + ": " + e.getMessage());
				continue;
			}
			if (object instanceof GenericKubernetesResource) {
				schemaErrors.add(id + ": apiVersion " + document.get("apiVersion") + " kind " + document.get("kind")
						+ " is not part of the Kubernetes API model");
			}
			else {
				collectUnknownFields(object, id, schemaErrors, Collections.newSetFromMap(new IdentityHashMap<>()));
			}
			objects.add(object);
		}
	}

	static Manifests render(String directory) {
		return new Manifests(directory);
	}

	List<String> schemaErrors() {
		return schemaErrors;
	}

	<T> List<T> all(Class<T> type) {
		return objects.stream().filter(type::isInstance).map(type::cast).toList();
	}

	<T extends HasMetadata> T named(Class<T> type, String name) {
		return all(type).stream()
			.filter(object -> object.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError(directory + ": no " + type.getSimpleName() + " " + name));
	}

	/** Every pod template: Deployments, StatefulSets, Jobs and the Jobs of CronJobs. */
	List<Workload> workloads() {
		List<Workload> workloads = new ArrayList<>();
		all(Deployment.class).forEach(
				d -> workloads.add(new Workload("Deployment", d.getMetadata().getName(), d.getSpec().getTemplate())));
		all(StatefulSet.class).forEach(
				s -> workloads.add(new Workload("StatefulSet", s.getMetadata().getName(), s.getSpec().getTemplate())));
		all(Job.class)
			.forEach(j -> workloads.add(new Workload("Job", j.getMetadata().getName(), j.getSpec().getTemplate())));
		all(CronJob.class).forEach(c -> workloads.add(new Workload("CronJob", c.getMetadata().getName(),
				c.getSpec().getJobTemplate().getSpec().getTemplate())));
		return workloads;
	}

	Workload workload(String podName) {
		return workloads().stream()
			.filter(w -> podName.equals(w.podName()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(directory + ": no pod template named " + podName));
	}

	private static Object nameOf(Map<String, Object> document) {
		return document.get("metadata") instanceof Map<?, ?> metadata ? metadata.get("name") : null;
	}

	/**
	 * Walks the typed object graph through its API fields (those Jackson maps,
	 * {@code @JsonProperty}) and reports every object whose {@code additionalProperties}
	 * is not empty: a misspelt or misplaced field, which the API server would drop or
	 * refuse.
	 */
	static void collectUnknownFields(Object node, String path, List<String> errors, Set<Object> seen) {
		if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean
				|| node instanceof Enum<?> || !seen.add(node)) {
			return;
		}
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> collectUnknownFields(value, path + "[" + key + "]", errors, seen));
			return;
		}
		if (node instanceof Collection<?> collection) {
			int index = 0;
			for (Object element : collection) {
				collectUnknownFields(element, path + "[" + index++ + "]", errors, seen);
			}
			return;
		}
		Class<?> type = node.getClass();
		if (!type.getName().startsWith("io.fabric8.")) {
			return;
		}
		try {
			Method additional = type.getMethod("getAdditionalProperties");
			Object extra = additional.invoke(node);
			if (extra instanceof Map<?, ?> fields && !fields.isEmpty()) {
				errors.add(path + ": fields unknown to " + type.getSimpleName() + ": " + fields.keySet());
			}
		}
		catch (NoSuchMethodException noAdditionalProperties) {
			// Value types (Quantity, IntOrString) have none.
		}
		catch (ReflectiveOperationException e) {
			throw new IllegalStateException(e);
		}
		for (Class<?> c = type; c != null && c.getName().startsWith("io.fabric8."); c = c.getSuperclass()) {
			for (Field field : c.getDeclaredFields()) {
				JsonProperty property = field.getAnnotation(JsonProperty.class);
				if (property == null || Modifier.isStatic(field.getModifiers())) {
					continue;
				}
				try {
					field.setAccessible(true);
					collectUnknownFields(field.get(node), path + "." + property.value(), errors, seen);
				}
				catch (IllegalAccessException e) {
					throw new IllegalStateException(e);
				}
			}
		}
	}

}
